/* ipgraph view: draws the payload in #ipgraph-data with vis-network.
 * Every piece of text goes into the page through textContent: nothing from a document is
 * ever parsed as HTML (panel titles are canvas text). Tooltips are DOM elements built when the
 * pointer rests on a node or edge. Nodes sit where ipgraph.viz.layout put them: physics is off. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("ipgraph-data").textContent);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function tip(title, en, info, text) {
    var box = el("div", "tip");
    if (title) box.appendChild(el("div", "tip-title", title));
    if (en) box.appendChild(el("div", "tip-en", en));
    if (info && info.length) {
      var table = el("table");
      info.forEach(function (kv) {
        var tr = el("tr");
        tr.appendChild(el("th", null, kv[0]));
        tr.appendChild(el("td", null, kv[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    if (text) box.appendChild(el("div", "tip-text", text));
    return box;
  }

  // header, notice, legend
  document.getElementById("title").textContent = data.title[0] || "";
  document.getElementById("subtitle").textContent = data.title[1] || "";
  if (data.notice && data.notice.length) {
    var notice = document.getElementById("notice");
    notice.appendChild(el("div", null, data.notice[0]));
    if (data.notice[1]) notice.appendChild(el("div", "en", data.notice[1]));
    notice.hidden = false;
  }
  var legend = document.getElementById("legend");
  function legendSection(title, rows, swatch) {
    if (!rows.length) return;
    legend.appendChild(el("h2", null, title));
    rows.forEach(function (r) {
      var row = el("div", "row");
      row.appendChild(swatch(r));
      var name = el("span", null, r.zh);
      if (r.en) { name.appendChild(el("span", "en", " " + r.en)); }
      row.appendChild(name);
      legend.appendChild(row);
    });
  }
  function shapeSwatch(r) {
    var s = el("span", "swatch " + (r.shape || "dot"));
    s.style.background = r.color;
    return s;
  }
  function lineSwatch(r) {
    var s = el("span", "line" + (r.dashes ? " dashed" : ""));
    s.style.borderTopColor = r.color;
    return s;
  }
  var legendRows = [];
  function tagRows(kind, keys) {
    var rows = legend.querySelectorAll(".row");
    var start = legendRows.length;
    keys.forEach(function (k, i) { legendRows.push({ kind: kind, key: k, row: rows[start + i] }); });
  }
  legendSection("节点 Nodes", data.legend.nodes, shapeSwatch);
  tagRows("node", data.legend.nodes.map(function (r) { return r.key; }));
  legendSection("机构类型 Agency types", data.legend.types, function (r) { return shapeSwatch({ color: r.color, shape: "dot" }); });
  tagRows("type", data.legend.types.map(function (r) { return r.key; }));
  var hiddenKinds = {};
  legendSection("连线 Edges", data.legend.edges, function (r) {
    // a checkbox per edge kind: e.g. show lead edges without the support ones
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("aria-label", r.en);
    box.addEventListener("change", function () { hiddenKinds[r.kind] = !box.checked; applyFilters(); });
    var wrap = el("span", "kind-toggle");
    wrap.appendChild(box);
    wrap.appendChild(lineSwatch(r));
    return wrap;
  });
  tagRows("edge", data.legend.edges.map(function (r) { return r.kind; }));

  // nodes and edges: positions were computed before the page (ipgraph.viz.layout)
  var FONT = data.options.nodes.font.face;
  var TIER_PX = [16, 13, 11];  // label size on screen by importance
  var visNodes = data.nodes.map(function (n) {
    return {
      id: n.id, label: n.l, shape: n.s, size: n.z, color: n.c, x: n.x, y: n.v,
      _f: n.f, _k: n.k, _y: n.y, _l: n.l, _r: n.r, _g: n.g, _c: n.c,
      _s: (n.L + "\n" + n.e + "\n" + n.l + "\n" + n.t).toLowerCase()
    };
  });
  var byId = {};
  visNodes.forEach(function (n) { byId[n.id] = n; });
  var visEdges = data.edges.map(function (e, i) {
    var st = data.edgeStyles[e.k] || { color: "#999", dashes: false, arrows: false };
    return {
      id: i, from: e.from, to: e.to, width: e.width, dashes: st.dashes,
      color: { color: st.color, highlight: st.color, hover: st.color },
      arrows: st.arrows ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined,
      _k: e.k, _d: e
    };
  });
  var nodes = new vis.DataSet(visNodes.map(function (n) {
    n._state = "";  // no label until placeLabels gives it one
    return { id: n.id, label: "", shape: n.shape, size: n.size, color: n.color, x: n.x, y: n.y };
  }));
  var edges = new vis.DataSet(visEdges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, width: e.width, dashes: e.dashes, color: e.color, arrows: e.arrows };
  }));
  var container = document.getElementById("network");
  var status = document.getElementById("status");
  var started = performance.now();
  // Above PAINT_EDGES edges, vis-network's own edge objects take seconds to build: the edges are
  // painted straight onto the canvas instead (one path per kind), without arrows or edge tooltips.
  var PAINT_EDGES = 2000;
  var painted = visEdges.length > PAINT_EDGES;
  var network = new vis.Network(container, { nodes: nodes, edges: painted ? new vis.DataSet([]) : edges }, data.options);
  var view = window.ipgraphView = {
    network: network, nodes: nodes, edges: edges, view: data.view,
    stabilized: false, stabilizationMs: null, shownLabels: 0,
    timings: { prepareMs: Math.round(started - t0), constructMs: Math.round(performance.now() - started) }
  };

  // small multiples: a frame and a title round each panel, drawn on the canvas as text
  var lang = data.lang === "en" ? "en" : "zh";
  network.on("beforeDrawing", function (ctx) {
    data.panels.forEach(function (p) {
      ctx.save();
      ctx.strokeStyle = "#c8c8c8";
      ctx.lineWidth = 2;
      ctx.strokeRect(p.x, p.y, p.w, p.h);
      ctx.fillStyle = "#333";
      ctx.font = "bold 34px " + FONT;
      ctx.textBaseline = "top";
      ctx.fillText(lang === "en" ? p.en : p.zh, p.x + 16, p.y + 14);
      if (p.note_zh) {
        ctx.font = "26px " + FONT;
        ctx.fillStyle = "#888";
        ctx.textAlign = "center";
        ctx.fillText(lang === "en" ? p.note_en : p.note_zh, p.x + p.w / 2, p.y + p.h / 2);
      }
      ctx.restore();
    });
  });

  if (painted) {
    network.on("beforeDrawing", function (ctx) {
      var P = network.getPositions();
      var groups = {};
      visEdges.forEach(function (e) {
        if (e._hidden) return;
        var lit = emphasis ? (emphasis[e.from] || emphasis[e.to] ? 1 : 0) : 1;
        var key = e._k + "|" + Math.round(e.width * 2) / 2 + "|" + lit;
        (groups[key] = groups[key] || []).push(e);
      });
      Object.keys(groups).sort(function (a, b) { return a.slice(-1) - b.slice(-1); }).forEach(function (key) {
        var bits = key.split("|");
        var st = data.edgeStyles[bits[0]] || { color: "#999", dashes: false };
        ctx.save();
        ctx.strokeStyle = st.color;
        ctx.lineWidth = Math.max(0.5, Number(bits[1]));
        ctx.globalAlpha = bits[2] === "1" ? 0.85 : 0.12;
        ctx.setLineDash(st.dashes ? [5, 5] : []);
        ctx.beginPath();
        groups[key].forEach(function (e) {
          var a = P[e.from], b = P[e.to];
          if (!a || !b) return;
          ctx.moveTo(a.x, a.y);
          ctx.lineTo(b.x, b.y);
        });
        ctx.stroke();
        ctx.restore();
      });
    });
  }

  // labels: the most important first, each only where it overlaps no label already shown,
  // at a constant size on screen (so zooming in makes room for more)
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "100px " + FONT;
  var widthCache = {};
  function textWidth(line) {  // at 100 px
    if (!Object.prototype.hasOwnProperty.call(widthCache, line)) widthCache[line] = measure.measureText(line).width;
    return widthCache[line];
  }
  var emphasis = null;  // search matches: while a search is on, only they are named
  function labelBox(n, fs, P) {
    var lines = n._l.split("\n");
    var w = 0;
    lines.forEach(function (l) { w = Math.max(w, textWidth(l) * fs / 100); });
    var pos = P[n.id] || { x: n.x, y: n.y };
    var m = 0.15 * fs;
    var bw = w * 1.06 + 2 * m, bh = lines.length * fs * 1.25 + m;
    if (n.shape === "box") { bw += 12; bh += 10; }  // vis draws the label inside, with a margin
    var inside = n.shape === "text" || n.shape === "box";
    var top = inside ? pos.y - bh / 2 : pos.y + n.size;
    return { x: pos.x - bw / 2, y: top - m / 2, w: bw, h: bh };
  }
  function placeLabels() {
    var scale = network.getScale() || 1;
    var P = network.getPositions();
    var cell = 160 / scale;
    var grid = {};
    var order = visNodes.filter(function (n) { return !n._hidden && n._l && (!emphasis || emphasis[n.id]); });
    order.sort(function (a, b) { return a._r - b._r; });
    function cells(b, visit) {
      for (var i = Math.floor(b.x / cell); i <= Math.floor((b.x + b.w) / cell); i++) {
        for (var j = Math.floor(b.y / cell); j <= Math.floor((b.y + b.h) / cell); j++) {
          if (visit(i + ":" + j) === false) return false;
        }
      }
      return true;
    }
    var show = {};
    var count = 0;
    order.forEach(function (n) {
      var fs = TIER_PX[n._g] / scale;
      var b = labelBox(n, fs, P);
      var free = cells(b, function (key) {
        return !(grid[key] || []).some(function (o) {
          return b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h;
        });
      });
      if (!free) return;
      cells(b, function (key) { (grid[key] = grid[key] || []).push(b); });
      show[n.id] = fs;
      count++;
    });
    var updates = [];
    visNodes.forEach(function (n) {
      var fs = show[n.id];
      var state = fs ? n._l + "@" + fs.toFixed(3) : "";
      if (state === n._state) return;
      n._state = state;
      updates.push({ id: n.id, label: fs ? n._l : "", font: { size: fs || 1, background: "rgba(255,255,255,0.8)" } });
    });
    if (updates.length) nodes.update(updates);
    view.shownLabels = count;
  }
  var relabelTimer = null;
  network.on("zoom", function () {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(placeLabels, 120);
  });

  function settled() {
    if (view.stabilized) return;
    view.stabilized = true;
    view.stabilizationMs = Math.round(performance.now() - started);
    status.textContent = "";
    status.hidden = true;
    document.body.setAttribute("data-stabilized", "true");
  }
  function roomForLabels() {  // fit() sees the nodes only: leave a margin for the labels below them
    var c = network.getViewPosition();
    var scale = network.getScale() * 0.9;
    network.moveTo({ position: { x: c.x, y: c.y + 12 / scale }, scale: scale, animation: false });
  }
  function fitPanels() {  // the small-multiples page: every panel in view, empty ones too
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    data.panels.forEach(function (p) {
      x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x + p.w); y1 = Math.max(y1, p.y + p.h);
    });
    var box = container.getBoundingClientRect();
    var scale = 0.96 * Math.min(box.width / (x1 - x0), box.height / (y1 - y0));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  function fitTo(ids) {
    if (!(ids && ids.length) && data.panels.length && !Object.keys(active).some(function (f) { return active[f]; })) {
      fitPanels();
      placeLabels();
      return;
    }
    var list = ids && ids.length ? ids : visNodes.filter(function (n) { return !n._hidden; }).map(function (n) { return n.id; });
    if (!list.length) return;
    network.fit({ nodes: list, animation: false, minZoomLevel: 0.02, maxZoomLevel: 2.5 });
    roomForLabels();
    placeLabels();
  }
  if (!data.nodes.length) {  // nothing to draw: settled at once
    settled();
    status.hidden = false;
    status.textContent = "没有可画的节点 Nothing to draw";
  } else {
    var t1 = performance.now();
    if (data.panels.length) fitPanels(); else { network.fit({ animation: false }); roomForLabels(); }
    placeLabels();
    view.timings.labelsMs = Math.round(performance.now() - t1);
    network.once("afterDrawing", settled);
    network.redraw();
  }

  // tooltips, built when the pointer rests on a node or edge (thousands built up front cost seconds)
  var tipBox = el("div", "vis-tooltip");
  document.querySelector("main").appendChild(tipBox);
  var tipTimer = null;
  function hideTip() { clearTimeout(tipTimer); tipBox.style.visibility = "hidden"; }
  function tipAt(p) {
    var id = network.getNodeAt(p);
    if (id !== undefined && byId[id] && !byId[id]._hidden) {
      var n = data.nodes[id];
      return tip(n.L, n.e, n.i, n.t);
    }
    var eid = painted ? undefined : network.getEdgeAt(p);
    if (eid === undefined || !visEdges[eid]) return null;
    var e = visEdges[eid]._d;
    return (e.t || (e.i && e.i.length)) ? tip(null, null, e.i, e.t) : null;
  }
  container.addEventListener("mousemove", function (ev) {
    var box = container.getBoundingClientRect();
    var p = { x: ev.clientX - box.left, y: ev.clientY - box.top };
    hideTip();
    tipTimer = setTimeout(function () {
      var content = tipAt(p);
      if (!content) return;
      tipBox.replaceChildren(content);
      var left = Math.min(p.x + 14, Math.max(0, box.width - tipBox.offsetWidth - 8));
      var top = p.y + 14 + tipBox.offsetHeight > box.height ? Math.max(0, p.y - tipBox.offsetHeight - 10) : p.y + 14;
      tipBox.style.left = left + "px";
      tipBox.style.top = top + "px";
      tipBox.style.visibility = "visible";
    }, 120);
  });
  container.addEventListener("mouseleave", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // filters (city / agency type / theme) and search: both zoom to what they keep
  var active = {};
  var shown = document.getElementById("shown");
  function updateLegend() {
    var present = { node: {}, type: {}, edge: {} };
    visNodes.forEach(function (n) {
      if (n._hidden) return;
      present.node[n._k] = true;
      if (n._y) present.type[n._y] = true;
    });
    visEdges.forEach(function (e) {
      if (!byId[e.from]._hidden && !byId[e.to]._hidden) present.edge[e._k] = true;
    });
    legendRows.forEach(function (r) { r.row.hidden = !present[r.kind][r.key]; });
  }
  function applyFilters() {
    var nodeUpdates = [];
    visNodes.forEach(function (n) {
      var hide = Object.keys(active).some(function (f) {
        return active[f] && !((n._f[f] || []).indexOf(active[f]) >= 0);
      });
      if (hide !== !!n._hidden) nodeUpdates.push({ id: n.id, hidden: hide });
      n._hidden = hide;
    });
    nodes.update(nodeUpdates);
    edges.update(visEdges.map(function (e) {
      e._hidden = !!(byId[e.from]._hidden || byId[e.to]._hidden || hiddenKinds[e._k]);
      return { id: e.id, hidden: e._hidden };
    }));
    if (painted) network.redraw();
    var count = visNodes.filter(function (n) { return !n._hidden; }).length;
    var filtered = Object.keys(active).some(function (f) { return active[f]; });
    shown.textContent = filtered ? "显示 Showing " + count + " / " + visNodes.length : "";
    updateLegend();
    if (search.value.trim()) runSearch(true); else fitTo(null);
  }
  var filters = document.getElementById("filters");
  Object.keys(data.facets).forEach(function (facet) {
    var values = {};
    data.nodes.forEach(function (n) { (n.f[facet] || []).forEach(function (v) { values[v] = true; }); });
    var list = Object.keys(values).sort();
    if (list.length < 2) return;
    var select = el("select");
    select.id = "filter-" + facet;
    select.setAttribute("aria-label", data.facets[facet][1]);
    var all = el("option", null, "全部" + data.facets[facet][0] + " / All: " + data.facets[facet][1]);
    all.value = "";
    select.appendChild(all);
    list.forEach(function (v) { var o = el("option", null, v); o.value = v; select.appendChild(o); });
    select.addEventListener("change", function () { active[facet] = select.value; applyFilters(); });
    filters.appendChild(select);
  });

  // search: matches keep their colour with a thick dark ring and a label, the rest fade
  var search = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  var FADED = { background: "#e4e4e4", border: "#d0d0d0" };
  function paint(matches) {
    nodes.update(visNodes.map(function (n) {
      if (!matches) return { id: n.id, color: n._c, borderWidth: 1, font: { color: "#343434" } };
      if (matches[n.id]) {
        return { id: n.id, color: { background: n._c, border: "#111" }, borderWidth: 4, font: { color: "#000" } };
      }
      return { id: n.id, color: FADED, borderWidth: 1, font: { color: "#b8b8b8" } };
    }));
  }
  function runSearch(focus) {
    var q = search.value.trim().toLowerCase();
    if (!q) {
      network.unselectAll(); searchCount.textContent = "";
      if (emphasis) { emphasis = null; paint(null); fitTo(null); }
      return;
    }
    var ids = visNodes.filter(function (n) {
      return n._s.indexOf(q) >= 0 && !n._hidden;
    }).map(function (n) { return n.id; });
    network.selectNodes(ids, false);
    emphasis = {};
    ids.forEach(function (id) { emphasis[id] = true; });
    paint(emphasis);
    searchCount.textContent = ids.length + " 个匹配 match" + (ids.length === 1 ? "" : "es");
    if (focus && ids.length) fitTo(ids); else placeLabels();
  }
  search.addEventListener("input", function () { runSearch(true); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(true); });
  updateLegend();
})();
