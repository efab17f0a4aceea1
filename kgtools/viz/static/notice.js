/* xuncha-kg notice page: the notice's text with every extracted node highlighted at its
   offsets, drawn from the data the page shares with the notice's graph page
   (window.kgData, graph/<id>.js). Notice text is only ever added as text nodes, never
   parsed as HTML. A click on a highlight opens its node in the graph page. */
(function () {
  "use strict";
  var box = document.getElementById("notice-text"), data = window.kgData;
  if (!box || !data) return;
  var names = JSON.parse(box.getAttribute("data-classes"));  // highlighted class -> "zh en"
  var graph = box.getAttribute("data-graph");  // ../graph/<id>.html#<notice IRI tail>
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
  window.kgNotice = { ready: true, marks: spans.length };
})();
