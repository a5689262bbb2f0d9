/* ipgraph view: draws the payload in #ipgraph-data with vis-network.
 * Every piece of text goes into the page through textContent: nothing from a document is
 * ever parsed as HTML. Tooltips are DOM elements (vis-network appends them as they are). */
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
  legendSection("节点 Nodes", data.legend.nodes, shapeSwatch);
  legendSection("机构类型 Agency types", data.legend.types, function (r) { return shapeSwatch({ color: r.color, shape: "dot" }); });
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

  // nodes and edges
  var visNodes = data.nodes.map(function (n) {
    return {
      id: n.id, label: n.l, shape: n.s, size: n.z, color: n.c,
      title: tip(n.L, n.e, n.i, n.t),
      _f: n.f, _k: n.k,
      _s: (n.L + "\n" + n.e + "\n" + n.t).toLowerCase()
    };
  });
  var visEdges = data.edges.map(function (e, i) {
    var st = data.edgeStyles[e.k] || { color: "#999", dashes: false, arrows: false };
    return {
      id: i, from: e.from, to: e.to, width: e.width, dashes: st.dashes,
      color: { color: st.color, highlight: st.color, hover: st.color },
      arrows: st.arrows ? { to: { enabled: true, scaleFactor: 0.5 } } : undefined,
      title: (e.t || (e.i && e.i.length)) ? tip(null, null, e.i, e.t) : undefined,
      _k: e.k
    };
  });
  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var container = document.getElementById("network");
  var status = document.getElementById("status");
  var started = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var view = window.ipgraphView = {
    network: network, nodes: nodes, edges: edges, view: data.view,
    stabilized: false, stabilizationMs: null,
    timings: { prepareMs: Math.round(started - t0), constructMs: Math.round(performance.now() - started) }
  };

  function settled() {
    if (view.stabilized) return;
    network.setOptions({ physics: false });
    view.stabilized = true;
    view.stabilizationMs = Math.round(performance.now() - started);
    status.textContent = "";
    status.hidden = true;
    document.body.setAttribute("data-stabilized", "true");
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "布局中 Laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", settled);
  network.once("stabilized", settled);
  if (!data.nodes.length) {  // nothing to lay out: no stabilisation event will come
    settled();
    status.hidden = false;
    status.textContent = "没有可画的节点 Nothing to draw";
  }

  // filters (city / agency type / theme) and search
  var active = {};
  var shown = document.getElementById("shown");
  function applyFilters() {
    var hiddenNode = {};
    var nodeUpdates = [];
    visNodes.forEach(function (n) {
      var hide = Object.keys(active).some(function (f) {
        return active[f] && !((n._f[f] || []).indexOf(active[f]) >= 0);
      });
      hiddenNode[n.id] = hide;
      nodeUpdates.push({ id: n.id, hidden: hide });
    });
    nodes.update(nodeUpdates);
    edges.update(visEdges.map(function (e) {
      return { id: e.id, hidden: !!(hiddenNode[e.from] || hiddenNode[e.to] || hiddenKinds[e._k]) };
    }));
    var count = visNodes.filter(function (n) { return !hiddenNode[n.id]; }).length;
    shown.textContent = Object.keys(active).some(function (f) { return active[f]; })
      ? "显示 Showing " + count + " / " + visNodes.length : "";
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

  var search = document.getElementById("search");
  var searchCount = document.getElementById("search-count");
  function runSearch(focus) {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); searchCount.textContent = ""; return; }
    var ids = visNodes.filter(function (n) {
      return n._s.indexOf(q) >= 0 && !nodes.get(n.id).hidden;
    }).map(function (n) { return n.id; });
    network.selectNodes(ids, false);
    searchCount.textContent = ids.length + " 个匹配 match" + (ids.length === 1 ? "" : "es");
    if (focus && ids.length) network.fit({ nodes: ids.slice(0, 200), animation: false });
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(true); });
})();
