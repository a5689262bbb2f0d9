// The timeline view: one lane per agency, grouped by place; a mark per deadline; the as-of line.
// Drawn on a canvas, only the lanes in sight (1,000 plans stay quick); document text reaches the
// DOM through textContent only, and the canvas through fillText.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("ipgraph-data").textContent);
  const EN = D.lang === "en";
  const t = (zh, en) => (EN ? en : zh);
  const ROW = 22, PAD = 16, MS_DAY = 86400000;
  const COLORS = { due: "#1f6fb4", overdue: "#c0392b", asOf: "#e67e00", place: "#eef2f6", stripe: "#fafafa" };
  const ROLE = [t("牵头", "lead"), t("配合", "support"), t("未写明", "not stated")];
  const FONT = '12px "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';
  const started = performance.now();
  const $ = (id) => document.getElementById(id);
  const scroller = $("scroller"), spacer = $("spacer"), chart = $("chart"), axis = $("axis"), tip = $("tip");

  $("title").textContent = D.title[EN ? 1 : 0];
  document.title = D.title.filter(Boolean).join(" — ");
  $("subtitle").textContent = t(
    `${D.lanes.length} 个单位 · ${D.marks.length} 个完成时限 · ${D.overdue} 个已逾期(截至 ${D.asOf});横线为单位,竖线为截至日期,点击标记看原文`,
    `${D.lanes.length} agencies · ${D.marks.length} deadlines · ${D.overdue} overdue as of ${D.asOf}; one lane per agency, the dashed line is the as-of date; click a mark for its text`
  );
  $("only-overdue-label").textContent = t("只看逾期", "Overdue only");
  $("detail-hint").textContent = t("悬停或点击标记查看措施原文、方案、角色和来源。", "Hover or click a mark: the measure's text, plan, role and source.");

  // marks of each lane, by day
  const laneMarks = D.lanes.map(() => []);
  D.marks.forEach((m, i) => laneMarks[m[0]].push(i));
  laneMarks.forEach((ms) => ms.sort((a, b) => D.marks[a][3] - D.marks[b][3]));
  let lo = D.asOfDay, hi = D.asOfDay;
  for (const m of D.marks) if (m[3] !== null) { if (m[3] < lo) lo = m[3]; if (m[3] > hi) hi = m[3]; }
  lo -= 45; hi += 45;

  // legend
  const legend = $("legend");
  const legendRow = (cls, color, text) => {
    const row = document.createElement("div"); row.className = "row";
    const sw = document.createElement("span"); sw.className = "sw " + cls; sw.style.background = color; sw.style.borderColor = color;
    const label = document.createElement("span"); label.textContent = text;
    row.append(sw, label); legend.append(row);
  };
  legendRow("", COLORS.due, t("牵头,未到期", "lead, not yet due"));
  legendRow("ring", COLORS.due, t("配合,未到期", "support, not yet due"));
  legendRow("square", COLORS.due, t("未写明角色", "role not stated"));
  legendRow("", COLORS.overdue, t("已逾期(红色)", "overdue (red)"));
  legendRow("line", COLORS.asOf, t(`截至 ${D.asOf}`, `as of ${D.asOf}`));

  // filters
  const placeSel = $("filter-place");
  const all = document.createElement("option"); all.value = ""; all.textContent = t("全部地区", "All places"); placeSel.append(all);
  D.places.forEach((p, i) => { const o = document.createElement("option"); o.value = String(i); o.textContent = p; placeSel.append(o); });

  let rows = [];            // {place} or {lane}
  let shownLanes = 0, shownMarks = 0;
  function rebuild() {
    const q = $("search").value.trim().toLowerCase();
    const place = placeSel.value === "" ? -1 : Number(placeSel.value);
    const onlyOverdue = $("only-overdue").checked;
    rows = []; shownLanes = 0; shownMarks = 0;
    let last = -1;
    D.lanes.forEach((ln, i) => {
      if (place >= 0 && ln[1] !== place) return;
      if (q && !ln[0].toLowerCase().includes(q) && !D.places[ln[1]].toLowerCase().includes(q)) return;
      const ms = onlyOverdue ? laneMarks[i].filter((k) => D.marks[k][4]) : laneMarks[i];
      if (!ms.length) return;
      if (ln[1] !== last) { rows.push({ place: ln[1] }); last = ln[1]; }
      rows.push({ lane: i, marks: ms }); shownLanes++; shownMarks += ms.length;
    });
    spacer.style.height = rows.length * ROW + "px";
    $("shown").textContent = t(`显示 ${shownLanes} 个单位、${shownMarks} 个标记`, `showing ${shownLanes} agencies, ${shownMarks} marks`);
    draw();
  }

  let W = 0, H = 0, labelW = 200;
  const x0 = () => labelW + 10, x1 = () => W - PAD;
  const xOf = (day) => x0() + ((day - lo) / (hi - lo)) * (x1() - x0());
  function size(canvas, w, h) {
    const r = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * r); canvas.height = Math.round(h * r);
    canvas.style.width = w + "px"; canvas.style.height = h + "px";
    const ctx = canvas.getContext("2d"); ctx.setTransform(r, 0, 0, r, 0, 0); return ctx;
  }
  const yearStarts = () => {
    const out = [];
    const y0 = new Date(lo * MS_DAY).getUTCFullYear(), y1 = new Date(hi * MS_DAY).getUTCFullYear();
    for (let y = y0; y <= y1 + 1; y++) { const d = Date.UTC(y, 0, 1) / MS_DAY; if (d >= lo && d <= hi) out.push([y, d]); }
    return out;
  };
  function clip(ctx, text, width) {
    if (ctx.measureText(text).width <= width) return text;
    let a = 0, b = text.length;
    while (a < b) { const c = (a + b + 1) >> 1; if (ctx.measureText(text.slice(0, c) + "…").width <= width) a = c; else b = c - 1; }
    return text.slice(0, a) + "…";
  }
  function drawAxis() {
    const ctx = size(axis, W, 30);
    ctx.font = FONT; ctx.fillStyle = "#444"; ctx.textBaseline = "middle";
    for (const [y, d] of yearStarts()) {
      const x = xOf(d); ctx.fillRect(x, 20, 1, 10); ctx.fillText(String(y), x + 3, 12);
    }
    const xa = xOf(D.asOfDay); ctx.fillStyle = COLORS.asOf; ctx.fillRect(xa - 1, 0, 2, 30);
    const label = t(`截至 ${D.asOf}`, `as of ${D.asOf}`); const w = ctx.measureText(label).width;
    ctx.fillStyle = "#fff"; ctx.fillRect(xa + 3, 2, w + 6, 16); ctx.fillStyle = COLORS.asOf; ctx.fillText(label, xa + 6, 10);
    ctx.fillStyle = "#666"; ctx.fillText(t("单位", "Agency"), 8, 12);
  }
  function drawMark(ctx, m, x, y) {
    const color = m[4] ? COLORS.overdue : COLORS.due;
    ctx.fillStyle = color; ctx.strokeStyle = color; ctx.lineWidth = 2;
    if (m[2] === 2) { ctx.fillRect(x - 4, y - 4, 8, 8); return; }
    ctx.beginPath(); ctx.arc(x, y, m[2] === 0 ? 5 : 4, 0, 2 * Math.PI);
    if (m[2] === 0) ctx.fill(); else { ctx.fillStyle = "#fff"; ctx.fill(); ctx.stroke(); }
  }
  function draw() {
    W = scroller.clientWidth; H = scroller.clientHeight;
    labelW = Math.max(120, Math.min(300, Math.round(W * 0.28)));
    drawAxis();
    const top = scroller.scrollTop;
    chart.style.top = top + "px";
    const ctx = size(chart, W, H);
    ctx.font = FONT; ctx.textBaseline = "middle";
    const first = Math.floor(top / ROW), last = Math.min(rows.length - 1, Math.ceil((top + H) / ROW));
    // backgrounds, then the year lines and the as-of line, then names and marks on top
    for (let r = first; r <= last; r++) {
      const row = rows[r]; if (!row) continue;
      if (row.place !== undefined) { ctx.fillStyle = COLORS.place; ctx.fillRect(0, r * ROW - top, W, ROW); }
      else if (r % 2) { ctx.fillStyle = COLORS.stripe; ctx.fillRect(0, r * ROW - top, W, ROW); }
    }
    ctx.fillStyle = "#e3e3e3";
    for (const [, d] of yearStarts()) ctx.fillRect(xOf(d), 0, 1, H);
    ctx.setLineDash([5, 4]); ctx.strokeStyle = COLORS.asOf; ctx.lineWidth = 2;
    const xa = xOf(D.asOfDay); ctx.beginPath(); ctx.moveTo(xa, 0); ctx.lineTo(xa, H); ctx.stroke(); ctx.setLineDash([]);
    let drawn = 0;
    for (let r = first; r <= last; r++) {
      const row = rows[r]; if (!row) continue;
      const y = r * ROW - top;
      if (row.place !== undefined) {
        ctx.fillStyle = "#223"; ctx.font = "bold " + FONT; ctx.fillText(clip(ctx, D.places[row.place], W - 20), 6, y + ROW / 2); ctx.font = FONT;
        continue;
      }
      const ln = D.lanes[row.lane];
      ctx.fillStyle = ln[2] ? "#888" : "#222";
      ctx.fillText(clip(ctx, ln[0], labelW - 14), 14, y + ROW / 2);
      // marks of one day on one lane are drawn once (lead over support), their number beside
      for (let a = 0; a < row.marks.length; ) {
        const m = D.marks[row.marks[a]];
        let b = a + 1, lead = m;
        while (b < row.marks.length && D.marks[row.marks[b]][3] === m[3]) { if (D.marks[row.marks[b]][2] < lead[2]) lead = D.marks[row.marks[b]]; b++; }
        if (m[3] !== null) {
          const x = xOf(m[3]); drawMark(ctx, lead, x, y + ROW / 2); drawn += b - a;
          if (b - a > 1) { ctx.fillStyle = "#555"; ctx.font = "10px sans-serif"; ctx.fillText("×" + (b - a), x + 7, y + ROW / 2); ctx.font = FONT; }
        }
        a = b;
      }
    }
    view.drawnMarks = drawn;
  }

  // details: DOM nodes with textContent, never HTML
  function table(pairs) {
    const tb = document.createElement("table");
    for (const [k, v] of pairs) {
      if (v === "" || v === null || v === undefined) continue;
      const tr = document.createElement("tr"), th = document.createElement("th"), td = document.createElement("td");
      th.textContent = k; td.textContent = String(v); tr.append(th, td); tb.append(tr);
    }
    return tb;
  }
  function describe(k, full) {
    const m = D.marks[k], ms = D.measures[m[1]], plan = D.plans[ms[3]], ln = D.lanes[m[0]];
    const box = document.createElement("div"); box.className = full ? "item" : "";
    const head = document.createElement("div"); head.className = "tip-title";
    head.textContent = `${ms[0]} ${ms[1]}`.trim(); box.append(head);
    if (m[4]) { const f = document.createElement("div"); f.className = "overdue-flag"; f.textContent = t(`已逾期(截至 ${D.asOf})`, `overdue as of ${D.asOf}`); box.append(f); }
    const span = ms[5] !== null && ms[6] !== null ? `${ms[4]} [${ms[5]}–${ms[6]}]` : ms[4];
    box.append(table([
      [t("单位", "Agency"), ln[0]], [t("地区", "Place"), D.places[ln[1]]], [t("角色", "Role"), ROLE[m[2]]],
      [t("完成时限", "Deadline"), ms[7]], [t("方案", "Plan"), plan[0]], [t("方案辖区", "Plan's place"), plan[1]],
      [t("来源", "Source"), span],
    ]));
    const text = document.createElement("div"); text.className = "tip-text"; text.textContent = ms[2]; box.append(text);
    return box;
  }
  function hits(px, py) {
    const r = Math.floor((scroller.scrollTop + py) / ROW), row = rows[r];
    if (!row || row.lane === undefined) return [];
    return row.marks.filter((k) => D.marks[k][3] !== null && Math.abs(xOf(D.marks[k][3]) - px) <= 6);
  }
  chart.addEventListener("mousemove", (e) => {
    const found = hits(e.offsetX, e.offsetY);
    chart.style.cursor = found.length ? "pointer" : "default";
    if (!found.length) { tip.hidden = true; return; }
    tip.replaceChildren(describe(found[0], false));
    if (found.length > 1) { const more = document.createElement("div"); more.textContent = t(`另有 ${found.length - 1} 项,点击查看`, `${found.length - 1} more here: click`); tip.append(more); }
    tip.hidden = false;
    const box = scroller.getBoundingClientRect(), mainBox = scroller.parentElement.getBoundingClientRect();
    const x = e.clientX - mainBox.left + 14, y = e.clientY - mainBox.top + 14;
    tip.style.left = Math.min(x, box.width - 300) + "px"; tip.style.top = Math.min(y, mainBox.height - 200) + "px";
  });
  chart.addEventListener("mouseleave", () => { tip.hidden = true; });
  chart.addEventListener("click", (e) => {
    const found = hits(e.offsetX, e.offsetY);
    if (!found.length) return;
    const body = $("detail-body");
    body.replaceChildren(...found.slice(0, 100).map((k) => describe(k, true)));
    view.selected = found;
  });

  let pending = false;
  const redraw = () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } };
  scroller.addEventListener("scroll", redraw);
  window.addEventListener("resize", redraw);
  $("search").addEventListener("input", rebuild);
  placeSel.addEventListener("change", rebuild);
  $("only-overdue").addEventListener("change", rebuild);

  const view = (window.ipgraphTimeline = {
    lanes: D.lanes.length, marks: D.marks.length, overdue: D.overdue,
    get shownLanes() { return shownLanes; }, get shownMarks() { return shownMarks; },
    drawnMarks: 0, selected: [], ready: false, renderMs: 0,
    // page coordinates of mark k, its lane scrolled into sight (for tests and links)
    markPoint(k) {
      const m = D.marks[k], r = rows.findIndex((row) => row.lane === m[0]);
      if (r < 0 || m[3] === null) return null;
      scroller.scrollTop = Math.max(0, r * ROW - scroller.clientHeight / 2); draw();
      const box = chart.getBoundingClientRect();
      return { x: box.left + xOf(m[3]), y: box.top + r * ROW - scroller.scrollTop + ROW / 2 };
    },
    overdueDrawn() { return rows.reduce((n, row) => n + (row.marks ? row.marks.filter((k) => D.marks[k][4]).length : 0), 0); },
  });
  rebuild();
  view.renderMs = Math.round(performance.now() - started);
  view.ready = true;
})();
