/* xuncha-kg interactive graph: pan, zoom, search, filter by class, node details.
   Every text from a notice is shown with textContent, never parsed as HTML.
   The data: JSON in the page (an exported graph, the report's graph/all.html), or the
   report's shared page graph/view.html#<notice>[/<node>], which loads the notice's data
   file graph/<notice>.js (window.kgData), the one its text page reads too. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var inline = $("kg-data");
  if (inline || window.kgData) { start(window.kgData || JSON.parse(inline.textContent), ""); return; }
  // the notice: the hash's first segment, as in the notice's IRI (percent-encoded like
  // Python's quote(id, safe="-_.~"), which also names its data file)
  var hashNotice = function () {
    var tail = location.hash.slice(1).split("/")[0], id = tail;
    try { id = decodeURIComponent(tail); } catch (e) { return ""; }
    return encodeURIComponent(id).replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  };
  var notice = hashNotice();
  var missing = function (text) {
    $("details").textContent = text;
    window.kgGraph = { ready: false, missing: true };
  };
  if (!notice) { missing("没有指定通报，请从报告首页打开 / no notice given: open one from the report's index"); return; }
  var script = document.createElement("script");
  script.src = notice + ".js";
  script.onload = function () {
    if (!window.kgData) { missing("数据文件无效 / the notice's data file set no data"); return; }
    var id = decodeURIComponent(notice), title = "通报知识图谱 · " + id;
    document.title = title;
    document.querySelector("header h1").textContent = title;
    document.querySelector("header h1").title = title;
    start(window.kgData, notice);
  };
  script.onerror = function () { missing("找不到该通报的图数据 / no graph data for this notice: " + decodeURIComponent(notice)); };
  document.body.appendChild(script);

  function start(data, loaded) {
    var classes = data.classes;
    var el = function (tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = String(text);
      if (cls) e.className = cls;
      return e;
    };
    var shorten = function (s, n) { s = String(s || "").replace(/\s+/g, " "); return s.length > n ? s.slice(0, n - 1) + "…" : s; };

    // one character per code point, as the offsets count them
    var chars = data.notices.map(function (n) { return Array.from(n[2] || ""); });
    var clip = function (s, n) {
      var flat = Array.from(String(s || "").split(/\s+/).filter(Boolean).join(" "));
      return flat.length <= n ? flat.join("") : flat.slice(0, n - 1).join("") + "…";
    };
    var anchor = function (rel) {
      return "n-" + (rel.replace(/^\/+/, "") || "notice");
    };
    var positions = {};
    // classes and relations are numbered (indexes into data.kinds and data.relations)
    var named = function (list, v) { return typeof v === "number" && list ? list[v] : v; };
    // a node row: [notice index, IRI relative to the notice, class, label or 0, start, end, x, y, attributes or 0]
    var nodes = data.nodes.map(function (row) {
      row = row.slice(); row[2] = named(data.kinds, row[2]);
      var notice = data.notices[row[0]] || ["", "", "", ""], d = {};
      var extra = row[8] || {};
      Object.keys(extra).forEach(function (k) { d[k] = extra[k]; });
      var iri = row[0] >= 0 ? data.base + notice[1] + row[1] : row[1];
      d.id = iri; d.iri = iri; d.cls = row[2]; d.notice = notice[0];
      d.short = iri.indexOf(data.base) === 0 ? iri.slice(data.base.length) : iri;
      d.color = (classes[row[2]] || ["", "", "#888"])[2];
      if (row[4] >= 0) {
        d.startOffset = row[4]; d.endOffset = row[5];
        if (d.quote === undefined && chars[row[0]] && chars[row[0]].length) d.quote = chars[row[0]].slice(row[4], row[5]).join("");
      }
      d.label = row[3] === 0 ? clip(d.quote, 24) : String(row[3]);
      if (notice[3] && row[0] >= 0) d.link = notice[3] + "#" + anchor(row[1]);
      d.display = shorten(d.label, 14);
      positions[iri] = { x: row[6], y: row[7] };
      return { data: d, position: positions[iri] };
    });
    var edges = data.edges.map(function (e, i) {
      var rel = named(data.relations, e[2]);
      return { data: { id: "e" + i, source: nodes[e[0]].data.id, target: nodes[e[1]].data.id, relation: rel, label: rel } };
    });
    var style = [
      { selector: "node", style: { "background-color": "data(color)", "label": "data(display)", "font-size": 10,
        "text-halign": "right", "text-valign": "center", "text-margin-x": 4, "width": 12, "height": 12,
        "font-family": "Noto Sans CJK SC, Noto Sans SC, sans-serif", "min-zoomed-font-size": 6 } },
      { selector: "node[cls = 'Notice']", style: { "width": 20, "height": 20, "font-size": 12, "font-weight": "bold" } },
      { selector: "edge", style: { "width": 1, "line-color": "#c8c8c8", "curve-style": "taxi", "taxi-direction": "rightward",
        "target-arrow-shape": "none" } },
      { selector: ".match", style: { "border-width": 3, "border-color": "#ffbf00", "font-weight": "bold" } },
      { selector: ".faded", style: { "opacity": 0.2 } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } }
    ];
    var cy = cytoscape({ container: $("cy"), elements: { nodes: nodes, edges: edges },
      style: style, layout: { name: "preset", fit: true, padding: 30 }, minZoom: 0.05, maxZoom: 4 });

    function show(node) {
      var d = node.data(), box = $("details"), meta = classes[d.cls] || ["", d.cls, "#888"];
      box.textContent = "";
      var badge = el("span", meta[0] + " · " + meta[1], "cls");
      badge.style.background = meta[2];
      box.appendChild(badge);
      box.appendChild(el("h3", d.title || d.label));
      if (d.quote) box.appendChild(el("blockquote", d.quote, "quote"));
      var dl = el("dl");
      var add = function (k, v) { if (v !== undefined && v !== null && v !== "") { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); } };
      if (d.startOffset !== undefined) add("offsets", "[" + d.startOffset + ", " + d.endOffset + ")");
      add("notice", d.notice);
      ["value", "unit", "counts", "approximate", "role", "stationingStart", "stationingEnd", "feedbackDate",
       "publicationStart", "publicationEnd", "durationStationingDays", "daysToFeedback", "daysToPublication",
       "concrete", "concretenessShare", "findingCount", "measureCount", "regulationCount", "outputCount"].forEach(function (k) { add(k, d[k]); });
      add("IRI", d.iri);
      box.appendChild(dl);
      if (d.link) {
        var a = el("a", "在通报原文中查看 / show in the notice text");
        a.href = d.link;
        box.appendChild(a);
      }
    }

    function select(id) {
      var node = cy.getElementById(id);
      if (!node || node.empty()) return false;
      cy.$(":selected").unselect();
      node.select();
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
      show(node);
      return true;
    }

    function search(q) {
      q = String(q || "").trim().toLowerCase();
      cy.elements().removeClass("match faded");
      var list = $("results");
      list.textContent = "";
      if (!q) { $("count").textContent = cy.nodes().length + " nodes"; return []; }
      var hits = cy.nodes().filter(function (n) {
        var d = n.data();
        return !n.hasClass("hidden") && [d.label, d.quote, d.title, d.name].some(function (t) { return t && String(t).toLowerCase().indexOf(q) >= 0; });
      });
      cy.elements().addClass("faded");
      hits.removeClass("faded").addClass("match");
      hits.forEach(function (n, i) {
        if (i >= 200) return;
        var li = el("li"), b = el("button");
        var meta = classes[n.data("cls")] || ["", ""];
        b.appendChild(el("span", meta[0] + "：", "muted"));
        var text = n.data("cls") === "Output" ? n.data("label") : (n.data("quote") || n.data("label"));
        b.appendChild(document.createTextNode(shorten(text, 60)));
        b.addEventListener("click", function () { select(n.id()); });
        li.appendChild(b);
        list.appendChild(li);
      });
      $("count").textContent = hits.length + " / " + cy.nodes().length + " nodes match";
      if (hits.length) cy.fit(hits, 60);
      return hits.map(function (n) { return n.id(); });
    }

    // class filters
    var filters = $("classfilters");
    Object.keys(classes).forEach(function (c) {
      var count = cy.nodes("[cls = '" + c + "']").length;
      if (!count) return;
      var label = el("label"), box = el("input"), sw = el("span", null, "swatch");
      box.type = "checkbox"; box.checked = true; box.value = c;
      sw.style.background = classes[c][2];
      box.addEventListener("change", function () {
        var sel = cy.nodes("[cls = '" + c + "']");
        if (box.checked) sel.removeClass("hidden"); else sel.addClass("hidden");
      });
      label.appendChild(box); label.appendChild(sw);
      label.appendChild(document.createTextNode(classes[c][0] + " " + classes[c][1] + " (" + count + ")"));
      filters.appendChild(label);
    });

    cy.on("tap", "node", function (e) { select(e.target.id()); });
    $("search").addEventListener("input", function (e) { search(e.target.value); });
    $("search").addEventListener("keydown", function (e) {
      if (e.key === "Enter") { var hits = cy.nodes(".match"); if (hits.length) select(hits[0].id()); }
    });
    $("fit").addEventListener("click", function () { cy.fit(cy.nodes(":visible"), 30); });
    $("layout").addEventListener("change", function (e) {
      var name = e.target.value;
      var opts = name === "preset" ? { name: "preset", positions: function (n) { return positions[n.id()]; } }
        : { name: name, animate: false, nodeDimensionsIncludeLabels: true };
      if (name === "breadthfirst") opts.roots = cy.nodes("[cls = 'Notice']");
      cy.layout(opts).run();
      cy.fit(cy.nodes(":visible"), 30);
    });
    $("count").textContent = cy.nodes().length + " nodes";

    function fromHash() {
      var raw = location.hash.slice(1), h = raw;
      if (!raw) return;
      try { h = decodeURIComponent(raw); } catch (e) { h = raw; }
      var hit = cy.nodes().filter(function (n) { var s = n.data("short"); return s === raw || s === h || n.id() === h; });
      if (hit.length) select(hit[0].id());
    }
    window.addEventListener("hashchange", function () {
      if (loaded && hashNotice() !== loaded) location.reload();  // another notice's graph
      else fromHash();
    });
    fromHash();
    window.kgGraph = { cy: cy, search: search, select: select, ready: true };
  }
})();
