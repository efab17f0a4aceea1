// A second, independent SHACL implementation for kgtools' tests: shacl-engine (RDF/JS, with
// its SPARQL plugin for SHACL-SPARQL constraints) runs the shapes files on notice graphs.
//
//   node validate.mjs <graphs.jsonl> <extra.nt> <shapes.ttl>...
//
// Each line of graphs.jsonl is {"key": …, "nt": "<N-Triples of one notice graph>"}; the
// triples of extra.nt (the ontology's class hierarchy) are added to every graph, as kgtools
// does. Prints one JSON line per validation result: key, focus, path, severity, shape,
// value — the shape named and the path written as kgtools names and writes them.
import { readFileSync, createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import rdfDataModel from '@rdfjs/data-model'
import rdfDataset from '@rdfjs/dataset'
import { Parser, Store } from 'n3'
import { XsdValidation } from 'rdf-validation'
import Validator from 'shacl-engine/Validator.js'
import { validations } from 'shacl-engine/sparql.js'

const SH = 'http://www.w3.org/ns/shacl#'
const XK = 'https://w3id.org/xuncha/ontology#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
// shacl-engine checks lexical forms with rdf-validation 0.1, which rejects every character
// outside the Basic Multilingual Plane in an xsd:string (its pattern lacks the u flag: 𠮷,
// 😀) and accepts days a month does not have in an xsd:date ("2024-02-30"). Those two
// checks are corrected here; every other part of the validation is shacl-engine's own.
const XSD = 'http://www.w3.org/2001/XMLSchema#'
const simple = XsdValidation.prototype.validateSimple
XsdValidation.prototype.validateSimple = function (term) {
  const datatype = term.datatype && term.datatype.value
  if (datatype === XSD + 'string') {
    return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/.test(term.value)
  }
  if (datatype === XSD + 'date' && simple.call(this, term)) {
    const [, year, month, day] = /^(-?[0-9]+)-([0-9]{2})-([0-9]{2})/.exec(term.value).map(Number)
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  }
  return simple.call(this, term)
}

const factory = Object.assign(Object.create(rdfDataModel), { dataset: (quads) => rdfDataset.dataset(quads) })

function parse (text, format) {
  return new Parser({ format, factory: rdfDataModel }).parse(text)
}

const [graphsFile, extraFile, ...shapeFiles] = process.argv.slice(2)
const shapes = rdfDataset.dataset()
for (const file of shapeFiles) {
  for (const quad of parse(readFileSync(file, 'utf8'), 'text/turtle')) shapes.add(quad)
}
const extra = parse(readFileSync(extraFile, 'utf8'), 'application/n-triples')
const validator = new Validator(shapes, { factory, validations: process.env.KGTOOLS_SHACL_SPARQL === '1' ? validations : undefined })

function objects (subject, predicate, graph = shapes) {
  return [...graph.match(subject, rdfDataModel.namedNode(predicate))].map(q => q.object)
}
function subjects (predicate, object) {
  return [...shapes.match(null, rdfDataModel.namedNode(predicate), object)].map(q => q.subject)
}

// kgtools.validate.shapes.shape_names: the English (or untagged) sh:name, else the node
// shape's the property shape belongs to, else the IRI's local name
function shapeName (shape) {
  const names = objects(shape, SH + 'name')
  if (names.length) {
    const en = names.find(n => n.language === 'en') || names.find(n => !n.language) || names[0]
    return en.value
  }
  const parent = subjects(SH + 'property', shape)[0]
  return parent ? shapeName(parent) : (shape.termType === 'NamedNode' ? shape.value.split(/[#/]/).pop() : '?')
}

function list (node, graph) {
  const out = []
  while (node && node.value !== RDF + 'nil') {
    out.push(objects(node, RDF + 'first', graph)[0])
    node = objects(node, RDF + 'rest', graph)[0]
  }
  return out
}

// kgtools.validate.shapes.path_text, on the results graph
function pathText (path, graph) {
  if (!path) return null
  if (path.termType === 'NamedNode') return path.value.replace(XK, '')
  const inverse = objects(path, SH + 'inversePath', graph)[0]
  if (inverse) return '^' + inverse.value.replace(XK, '')
  const steps = list(path, graph)
  return steps.length ? steps.map(s => s.value.replace(XK, '')).join(' / ') : 'complex path'
}

const lines = createInterface({ input: createReadStream(graphsFile), crlfDelay: Infinity })
for await (const line of lines) {
  if (!line.trim()) continue
  const { key, nt } = JSON.parse(line)
  const dataset = new Store([...parse(nt, 'application/n-triples'), ...extra])
  const report = await validator.validate({ dataset })
  const results = report.dataset
  for (const { subject: result } of results.match(null, rdfDataModel.namedNode(RDF + 'type'),
    rdfDataModel.namedNode(SH + 'ValidationResult'))) {
    const one = (name) => objects(result, SH + name, results)[0]
    const value = one('value')
    process.stdout.write(JSON.stringify({
      key,
      focus: one('focusNode').value,
      path: pathText(one('resultPath'), results),
      severity: one('resultSeverity').value.replace(SH, ''),
      shape: shapeName(one('sourceShape')),
      value: value ? value.value : null
    }) + '\n')
  }
}
