/* xuncha-kg notice page: the notice's text with every extracted node highlighted at its
   offsets, drawn from the data the page shares with the notice's graph page
   (window.kgData, graph/<id>.js). Notice text is only ever added as text nodes, never
   parsed as HTML. A click on a highlight opens its node in the graph page. The side lists
   (findings and their measures, regulations, outputs) are drawn from the same data. */
(function () {
  "use strict";
  var box = document.getElementById("notice-text"), data = window.kgData;
  if (!box || !data) return;
  var names = {};  // highlighted class -> "zh en"
  box.getAttribute("data-classes").split(" ").forEach(function (c) {
    var n = data.classes[c];
    if (n) names[c] = n[0] + " " + n[1];
  });
  var graph = box.getAttribute("data-graph");  // ../graph/view.html#<notice IRI tail>
  var chars = Array.from(data.notices[0][2] || "");  // offsets count code points
  var kind = function (k) { return typeof k === "number" && data.kinds ? data.kinds[k] : k; };  // numbered classes
  var spans = data.nodes.filter(function (r) { return r[0] === 0 && r[4] >= 0 && names[kind(r[2])]; })
    .map(function (r) { return [r[4], r[5], kind(r[2]), "n-" + (r[1].replace(/^\/+/, "") || "notice")]; });
  spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var root = document.createDocumentFragment(), stack = [], pos = 0;
  var add = function (a, b) {
    if (b > a) (stack.length ? stack[stack.length - 1].el : root).appendChild(document.createTextNode(chars.slice(a, b).join("")));
  };
  var close = function () { var top = stack[stack.length - 1]; add(pos, top.end); pos = top.end; stack.pop(); };
  // marks nest; one that crosses the end of an enclosing mark is cut at that end
  spans.forEach(function (s) {
    var start = s[0], end = s[1];
    while (stack.length && stack[stack.length - 1].end <= start) close();
    if (stack.length) end = Math.min(end, stack[stack.length - 1].end);
    if (end <= start || start < pos) return;
    add(pos, start);
    pos = start;
    var m = document.createElement("mark");
    m.className = "hl hl-" + s[2];
    m.id = s[3];
    m.title = names[s[2]] + " [" + s[0] + ", " + s[1] + ")";
    (stack.length ? stack[stack.length - 1].el : root).appendChild(m);
    stack.push({ el: m, end: end });
  });
  while (stack.length) close();
  add(pos, chars.length);
  box.textContent = "";
  box.appendChild(root);
  var lists = sideLists(document.querySelector(".side"));

  box.addEventListener("click", function (e) {
    var m = e.target.closest("mark[id]");
    if (m && !e.target.closest("a")) { var r = m.id.slice(2); location.href = graph + (r === "notice" ? "" : "/" + r); }
  });
  function target() {
    var old = box.querySelector("mark.target"), raw = location.hash.slice(1), m = null;
    if (old) old.classList.remove("target");
    if (!raw) return;
    m = document.getElementById(raw);
    if (!m) { try { m = document.getElementById(decodeURIComponent(raw)); } catch (e) { m = null; } }
    if (m && box.contains(m)) { m.classList.add("target"); m.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", target);
  target();
  window.kgNotice = { ready: true, marks: spans.length, lists: lists };

  // the side lists, in text order: findings (a problem area with measures of its own is
  // one) with links to their measures, regulations with their role, outputs
  function sideLists(side) {
    if (!side) return 0;
    var clip = function (s, n) {
      var flat = Array.from(String(s || "").split(/\s+/).filter(Boolean).join(" "));
      return flat.length <= n ? flat.join("") : flat.slice(0, n - 1).join("") + "…";
    };
    var rows = data.nodes.map(function (r, i) { return { i: i, r: r, cls: kind(r[2]), extra: r[8] || {} }; });
    var byStart = function (a, b) { return a.r[4] - b.r[4]; };
    var of = function (cls) { return rows.filter(function (n) { return n.cls === cls; }).sort(byStart); };
    var out = {};
    data.edges.forEach(function (e) { (out[e[0]] = out[e[0]] || []).push(rows[e[1]]); });
    var link = function (n, text) {
      var a = document.createElement("a");
      a.href = "#n-" + (n.r[1].replace(/^\/+/, "") || "notice");
      a.textContent = text;
      return a;
    };
    var label = function (n) { return n.r[3] === 0 ? clip(chars.slice(n.r[4], n.r[5]).join(""), 24) : String(n.r[3]); };
    var section = function (title, items, item) {
      var h = document.createElement("h2"), ol = document.createElement("ol");
      h.textContent = title + " (" + items.length + ")";
      items.forEach(function (n) { var li = document.createElement("li"); item(n, li); ol.appendChild(li); });
      side.appendChild(h);
      side.appendChild(ol);
    };
    var findings = of("Finding").concat(of("ProblemArea").filter(function (n) {
      return String(n.extra.classes || "").split(" ").indexOf("Finding") >= 0;
    })).sort(byStart);
    section("问题与措施 / Findings and measures", findings, function (n, li) {
      var measures = (out[n.i] || []).filter(function (m) { return m.cls === "Measure"; }).sort(byStart);
      li.appendChild(link(n, label(n)));
      li.appendChild(document.createTextNode(" — " + measures.length + " 项措施 measures"));
      measures.forEach(function (m, k) { li.appendChild(document.createTextNode(" ")); li.appendChild(link(m, String(k + 1))); });
    });
    section("制度文件 / Regulations", of("Regulation"), function (n, li) {
      var role = document.createElement("span");
      role.className = "en";
      role.textContent = String(n.extra.role || "").replace(/^Role/, "").toLowerCase();
      li.appendChild(link(n, "《" + (n.extra.title || label(n)) + "》"));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(role);
    });
    section("量化成果 / Outputs", of("Output"), function (n, li) { li.appendChild(link(n, label(n))); });
    return findings.length;
  }
})();
