/* kokon-graph map page script.
 *
 * Reads the JSON blocks written by kokon_graph.viz.page, draws the network with
 * vis-network (physics off: positions are precomputed), and wires the search box,
 * the filters and the layer toggles. Every text it shows comes from the kk-config
 * block, and every name is put into the page as a DOM text node (textContent),
 * never as HTML. window.kokonMap exposes the state to tests and benchmarks.
 */
(() => {
  "use strict";

  const readJson = (id) => JSON.parse(document.getElementById(id).textContent);
  const config = readJson("kk-config");
  const options = readJson("kk-options");
  const nodeItems = readJson("kk-nodes");
  const edgeItems = readJson("kk-edges");
  const T = config.text;
  const api = { firstDraw: null, ready: false };
  window.kokonMap = api;

  const fill = (template, fields) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in fields ? String(fields[key]) : whole));

  const plural = (stem, n) => {
    if (n === 1) return T[stem + "_1"];
    if (config.lang === "pl" && [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100)) {
      return T[stem + "_2"];
    }
    return T[stem + "_5"];
  };

  /* Same folding as kokon_graph.model.normalize_token: case, Polish letters, punctuation. */
  const fold = (value) =>
    String(value)
      .replace(/ł/g, "l").replace(/Ł/g, "L").replace(/đ/g, "d").replace(/ø/g, "o")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();

  const nodeById = new Map(nodeItems.map((n) => [n.id, n]));
  const edgeById = new Map(edgeItems.map((e) => [e.id, e]));
  const tipLabels = config.tipLabels;

  /* An edge's tooltip heading: its two ends, with an arrow where direction matters. */
  const heading = (item) => {
    if (item.tip[0] !== null) return item.tip[0];
    const from = nodeById.get(item.from);
    const to = nodeById.get(item.to);
    const name = (n, id) => (n ? n.short || n.label : id);
    return `${name(from, item.from)} ${item.arrows ? "→" : "—"} ${name(to, item.to)}`;
  };

  /* A tooltip or detail box built from text nodes only. */
  const tipElement = (item) => {
    const tip = item.tip;
    const box = document.createElement("div");
    box.className = "kk-tip";
    const head = document.createElement("div");
    head.className = "kk-tip-head";
    head.textContent = heading(item);
    box.appendChild(head);
    if (tip[1] && tip[1].length) {
      const table = document.createElement("table");
      for (const [label, value] of tip[1]) {
        const row = table.insertRow();
        const th = document.createElement("th");
        th.textContent = tipLabels[label];
        row.appendChild(th);
        row.insertCell().textContent = value;
      }
      box.appendChild(table);
    }
    return box;
  };

  for (const n of nodeItems) if (n.gap) n.gapShown = true;

  const state = {
    sector: "", type: "", territory: "", layers: { overview: true },
    threshold: config.gapThreshold, only: null, overview: Boolean(config.overview),
  };
  const GAP_LINES = new Set(["gap_co_serving", "gap_referrals"]);
  /* A gap line is drawn from the threshold up; below the small-count threshold, all are. */
  const passesThreshold = (e) =>
    !GAP_LINES.has(e.layer) || state.threshold < config.minCount || (e.k || 0) >= state.threshold;
  for (const layer of config.layers) state.layers[layer.id] = layer.on;

  /* Only what is shown at the start is handed to vis-network; a line is loaded the first
     time it is to be shown (its layer switched on, the threshold lowered, a territory
     opened from the overview). */
  for (const n of nodeItems) n.hidden = state.overview ? n.kk !== "overview" : n.kk === "overview";
  const startEdges = [];
  for (const e of edgeItems) {
    const from = nodeById.get(e.from);
    const to = nodeById.get(e.to);
    if (state.layers[e.layer] !== false && passesThreshold(e) && !from.hidden && !to.hidden) {
      e.loaded = true;
      startEdges.push(e);
    }
  }

  /* Node values are sizes already (kokon_graph.viz.style.SIZE_MIN..SIZE_MAX): draw them as
     they are, and scale labels with them (small ones vanish when zoomed out). */
  const scaling = options.nodes.scaling;
  scaling.customScalingFunction = (min, max, total, value) =>
    (value - scaling.min) / (scaling.max - scaling.min);

  // on an overview, the institutions are handed to vis-network when a territory is opened
  for (const n of nodeItems) n.loaded = !(state.overview && n.hidden);
  const nodes = new vis.DataSet(nodeItems.filter((n) => n.loaded));
  const edges = new vis.DataSet(startEdges);
  const container = document.getElementById("mynetwork");
  const network = new vis.Network(container, { nodes, edges }, options);
  Object.assign(api, { network, nodes, edges, state, fold });

  network.once("afterDrawing", () => {
    api.firstDraw = performance.now();
    document.documentElement.setAttribute("data-drawn", "1");
  });

  /* ---------------------------------------------------------------- labels, frames
     Labels keep their size on screen at any zoom. The page draws a label only where it
     overlaps no label drawn already and no node: the most central institutions first
     (rank 0, 1, ...), so they are always labelled and the rest appear as one zooms in. */

  const LABEL_PX = options.nodes.font.size;
  const LINE = 1.25;
  const measure = document.createElement("canvas").getContext("2d");
  measure.font = `${LABEL_PX}px ${options.nodes.font.face}`;
  const textWidth = new Map();
  for (const n of nodeItems) {
    n.short = n.label;
    n.shown = true;
    if (!textWidth.has(n.label)) textWidth.set(n.label, measure.measureText(n.label).width);
  }
  const ranked = nodeItems.slice().sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  api.labelPass = 0;

  const relabel = () => {
    const scale = network.getScale();
    const k = 1 / Math.min(scale, 1); // canvas units per screen pixel of a label
    const font = LABEL_PX * k;
    const pad = 3 * k;
    const cell = 160 * k;
    const grid = new Map();
    const key = (i, j) => i * 100003 + j;
    const hits = (box) => {
      for (let i = Math.floor(box[0] / cell); i <= Math.floor(box[2] / cell); i += 1) {
        for (let j = Math.floor(box[1] / cell); j <= Math.floor(box[3] / cell); j += 1) {
          for (const other of grid.get(key(i, j)) || []) {
            if (other[4] !== box[4] && box[0] < other[2] && other[0] < box[2] &&
                box[1] < other[3] && other[1] < box[3]) return true;
          }
        }
      }
      return false;
    };
    const put = (box) => {
      for (let i = Math.floor(box[0] / cell); i <= Math.floor(box[2] / cell); i += 1) {
        for (let j = Math.floor(box[1] / cell); j <= Math.floor(box[3] / cell); j += 1) {
          const list = grid.get(key(i, j));
          if (list) list.push(box);
          else grid.set(key(i, j), [box]);
        }
      }
    };
    const positions = network.getPositions();
    const visible = ranked.filter((n) => !n.hidden && !n.faded);
    // the most central few are labelled even over small nodes; the rest keep clear of them
    const free = Math.min(visible.length, 3 + Math.ceil(visible.length / 12));
    const updates = [];
    let labelled = 0;
    const budget = api.labelBudget || Infinity;
    visible.forEach((n, i) => {
      if (i === free) {
        for (const m of visible.slice(free)) {
          const q = positions[m.id];
          const r = m.value || 10;
          put([q.x - r - pad, q.y - r - pad, q.x + r + pad, q.y + r + pad, m.id]);
        }
      }
      const p = positions[n.id];
      const s = n.value || 10;
      const half = Math.max(s, (textWidth.get(n.short) * k) / 2);
      const box = [p.x - half - pad, p.y - s - pad, p.x + half + pad,
        p.y + s + LABEL_PX * LINE * k + 2 * k + pad, n.id];
      const show = labelled < budget && !hits(box);
      if (show) {
        put(box);
        labelled += 1;
      }
      if (show !== n.shown) {
        n.shown = show;
        updates.push({ id: n.id, label: show ? n.short : "" });
      }
    });
    for (const n of nodeItems) {
      if (n.loaded && (n.hidden || n.faded) && n.shown) {
        n.shown = false;
        updates.push({ id: n.id, label: "" });
      }
    }
    if (updates.length) nodes.update(updates);
    if (font !== api.labelFont) {
      api.labelFont = font;
      const selected = network.getSelectedNodes();
      network.setOptions({ nodes: { font: { size: font } } });
      if (selected.length) network.selectNodes(selected);
    }
    api.labelled = labelled;
    network.once("afterDrawing", () => {
      api.labelPass += 1;
    });
    network.redraw();
  };

  let relabelTimer = null;
  const relabelSoon = () => {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(relabel, 120);
  };
  network.on("zoom", relabelSoon);
  network.on("animationFinished", relabelSoon);
  network.on("dragEnd", (p) => {
    if (p.nodes.length) relabelSoon();
  });

  /* Territory frames: a box per gmina (powiat, voivodeship) behind its institutions.
     A title too long for its frame at the smallest size is shortened (the kind word
     abbreviated, "woj. warmińsko-mazurskie", then cut with "…"); the whole title is the
     tooltip of its title band. api.frameTitles holds what the last draw wrote. */
  const ABBREVIATIONS = (T.frame_abbreviations || "")
    .split("|")
    .filter(Boolean)
    .map((pair) => pair.split("="));
  const fitTitle = (ctx, title, room) => {
    if (ctx.measureText(title).width <= room) return title;
    let shown = title;
    for (const [word, short] of ABBREVIATIONS) shown = shown.replace(word, short);
    if (ctx.measureText(shown).width <= room) return shown;
    let lo = 0;
    let hi = shown.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (ctx.measureText(shown.slice(0, mid).trimEnd() + "…").width <= room) lo = mid;
      else hi = mid - 1;
    }
    return shown.slice(0, lo).trimEnd() + "…";
  };
  api.frameTitles = [];
  network.on("beforeDrawing", (ctx) => {
    const frames = (state.overview ? config.overviewFrames : config.frames) || [];
    api.frameTitles = [];
    if (!frames.length) return;
    const scale = network.getScale();
    const k = 1 / Math.min(scale, 1);
    ctx.save();
    for (const [title, x, y, w, h, code] of frames) {
      if (!state.overview && state.territory && !inTerritory(code, state.territory)) continue;
      ctx.fillStyle = "rgba(236, 240, 245, 0.75)";
      ctx.strokeStyle = "#c3cad4";
      ctx.lineWidth = k;
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.fill();
      ctx.stroke();
      const wanted = 13 * k;
      if (wanted <= 40) {
        // shrink a long title to the frame's width (down to 9 px on screen), else clip it
        const natural = measure.measureText(title).width / LABEL_PX;
        const size = Math.max(Math.min(wanted, (w - 16) / Math.max(natural, 1)), 9 * k);
        ctx.font = `600 ${size}px ${options.nodes.font.face}`;
        ctx.fillStyle = "#4a5563";
        ctx.textBaseline = "top";
        const shown = fitTitle(ctx, title, w - 16);
        api.frameTitles.push({
          code, title, shown, x, y, w, band: 8 + size * LINE,
          width: ctx.measureText(shown).width, px: size * scale,
        });
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, y, w, h);
        ctx.clip();
        ctx.fillText(shown, x + 8, y + 8);
        ctx.restore();
      } else {
        // zoomed far out: the name across the frame, faint, as on a paper map
        const fit = Math.min(h / 3, (w * 0.9) / Math.max(measure.measureText(title).width / LABEL_PX, 1));
        if (fit * scale >= 9) {
          ctx.font = `600 ${fit}px ${options.nodes.font.face}`;
          ctx.fillStyle = "rgba(74, 85, 99, 0.16)";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          ctx.fillText(title, x + w / 2, y + h / 2);
          ctx.textAlign = "start";
        }
      }
    }
    ctx.restore();
  });

  /* The whole title of a shortened frame title, as the tooltip of its title band. */
  container.addEventListener("mousemove", (event) => {
    const box = container.getBoundingClientRect();
    const dom = { x: event.clientX - box.left, y: event.clientY - box.top };
    const p = network.DOMtoCanvas(dom);
    const over = network.getNodeAt(dom) === undefined
      ? api.frameTitles.find((f) => f.shown !== f.title && p.x >= f.x && p.x <= f.x + f.w
        && p.y >= f.y && p.y <= f.y + f.band)
      : undefined;
    if (over) container.title = over.title;
    else container.removeAttribute("title");
  });
  container.addEventListener("mouseleave", () => container.removeAttribute("title"));

  /* Tooltips are built when first needed, not for every item at load. */
  const ensureTitle = (set, byId, id) => {
    const item = byId.get(id);
    if (item && item.tip && !item.titled) {
      item.titled = true;
      set.update({ id, title: tipElement(item) });
    }
  };
  network.on("hoverNode", (p) => ensureTitle(nodes, nodeById, p.node));
  network.on("hoverEdge", (p) => ensureTitle(edges, edgeById, p.edge));

  /* ---------------------------------------------------------------- filters, layers */

  const inTerritory = (code, chosen) =>
    code.startsWith(chosen) || (code !== "" && chosen.startsWith(code));

  const passes = (n) => {
    if (n.kk === "overview") return state.overview;
    if (state.overview) return false;
    if (state.sector && n.kk === "institution" && n.sector !== state.sector) return false;
    if (state.type) {
      const aboutGroups = state.type.startsWith("group:");
      const concerns = aboutGroups ? n.kk === "group" : n.kk === "institution";
      if (concerns && n.type !== state.type) return false;
    }
    if (state.territory && !inTerritory(n.teryt || "", state.territory)) return false;
    if (state.only && !state.only.has(n.id)) return false;
    return true;
  };

  const countBox = document.getElementById("kk-count");

  /* Layer counts say how many gap lines are drawn of how many there are. */
  const gapTotals = {};
  for (const e of edgeItems) {
    if (GAP_LINES.has(e.layer)) gapTotals[e.layer] = (gapTotals[e.layer] || 0) + 1;
  }
  const thresholdInput = document.getElementById("kk-threshold");
  const showGapCounts = () => {
    const drawn = {};
    for (const e of edgeItems) {
      if (GAP_LINES.has(e.layer) && passesThreshold(e)) drawn[e.layer] = (drawn[e.layer] || 0) + 1;
    }
    let hidden = 0;
    for (const layer of Object.keys(gapTotals)) {
      const span = document.querySelector(`[data-count="${layer}"]`);
      const n = drawn[layer] || 0;
      if (span) span.textContent = n === gapTotals[layer] ? `(${n})` : `(${fill(T.of_total, { n, total: gapTotals[layer] })})`;
      if (state.layers[layer] !== false) hidden += gapTotals[layer] - n;
    }
    api.gapDrawn = drawn;
    if (!thresholdInput) return;
    document.getElementById("kk-threshold-value").textContent = String(state.threshold);
    document.getElementById("kk-gap-meaning").textContent = fill(T.legend_gap_meaning, {
      n: Math.max(state.threshold, 1),
    });
    document.getElementById("kk-gap-hidden").textContent = hidden ? fill(T.gap_hidden, { n: hidden }) : "";
  };
  if (thresholdInput) {
    thresholdInput.addEventListener("input", () => {
      state.threshold = Number(thresholdInput.value);
      apply();
    });
  }

  const apply = () => {
    const nodeUpdates = [];
    let shownNodes = 0;
    const nodeAdds = [];
    for (const n of nodeItems) {
      const show = passes(n);
      if (show) shownNodes += 1;
      if (!n.loaded) {
        if (show) {
          n.loaded = true;
          n.hidden = false;
          if (n.gap) {
            const on = state.layers.gap_sector !== false;
            n.gapShown = on;
            n.color = on ? n.c1 : n.c0;
            n.borderWidth = on ? n.w1 : n.w0;
          }
          nodeAdds.push(n);
        }
        continue;
      }
      const update = { id: n.id };
      let changed = false;
      if (Boolean(n.hidden) === show) {
        n.hidden = !show;
        update.hidden = !show;
        changed = true;
      }
      if (n.gap) {
        const on = state.layers.gap_sector !== false;
        if (n.gapShown !== on) {
          n.gapShown = on;
          update.color = on ? n.c1 : n.c0;
          update.borderWidth = on ? n.w1 : n.w0;
          changed = true;
        }
      }
      if (changed) nodeUpdates.push(update);
    }
    const edgeUpdates = [];
    const edgeAdds = [];
    let shownEdges = 0;
    for (const e of edgeItems) {
      const show =
        state.layers[e.layer] !== false &&
        passesThreshold(e) &&
        !nodeById.get(e.from).hidden &&
        !nodeById.get(e.to).hidden;
      if (show) shownEdges += 1;
      if (!e.loaded) {
        if (show) {
          e.loaded = true;
          e.hidden = false;
          edgeAdds.push(e);
        }
      } else if (Boolean(e.hidden) === show) {
        e.hidden = !show;
        edgeUpdates.push({ id: e.id, hidden: !show });
      }
    }
    if (nodeAdds.length) nodes.add(nodeAdds);
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (edgeAdds.length) edges.add(edgeAdds);
    countBox.textContent = fill(T.visible, {
      nodes: shownNodes,
      edges: shownEdges,
      nodes_word: plural("node", shownNodes),
      edges_word: plural("edge", shownEdges),
    });
    api.shown = { nodes: shownNodes, edges: shownEdges };
    showGapCounts();
    relabelSoon();
  };

  /* The view holding the nodes `ids` whole: their territory frames (all frames on the whole
     map, the chosen territory's own otherwise) and their labels, which keep their size on
     screen, inside the canvas with a margin. (vis-network's own fit sees the nodes only, so a
     frame or a label at the edge was cut.) */
  const MARGIN = 12; // screen pixels on every side
  const fitView = (ids, animate) => {
    const positions = network.getPositions(ids);
    const inside = Object.keys(positions);
    if (!inside.length) return;
    const grow = (b, x0, y0, x1, y1) => {
      b[0] = Math.min(b[0], x0);
      b[1] = Math.min(b[1], y0);
      b[2] = Math.max(b[2], x1);
      b[3] = Math.max(b[3], y1);
    };
    const base = [Infinity, Infinity, -Infinity, -Infinity];
    for (const id of inside) {
      const p = positions[id];
      const r = nodeById.get(id).value || 10;
      grow(base, p.x - r, p.y - r, p.x + r, p.y + r);
    }
    const frames = (state.overview ? config.overviewFrames : config.frames) || [];
    for (const [, x, y, w, h, code] of frames) {
      if (state.overview || !state.territory || code.startsWith(state.territory)) {
        grow(base, x, y, x + w, y + h);
      }
    }
    const width = Math.max(container.clientWidth - 2 * MARGIN, 1);
    const height = Math.max(container.clientHeight - 2 * MARGIN, 1);
    const scaleOf = (b) => Math.min(width / Math.max(b[2] - b[0], 1),
      height / Math.max(b[3] - b[1], 1), 2);
    let scale = scaleOf(base);
    let box = base;
    for (let pass = 0; pass < 3; pass += 1) { // labels grow in canvas units as the view zooms out
      const k = 1 / Math.min(scale, 1);
      box = base.slice();
      for (const id of inside) {
        const n = nodeById.get(id);
        const p = positions[id];
        const r = n.value || 10;
        const half = ((textWidth.get(n.short) || 0) * k) / 2;
        grow(box, p.x - half, p.y - r, p.x + half, p.y + r + LABEL_PX * LINE * k + 2 * k);
      }
      scale = scaleOf(box);
    }
    network.moveTo({
      position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 },
      scale,
      animation: animate ? { duration: 350, easingFunction: "easeInOutQuad" } : false,
    });
  };

  /* Zoom to what a filter leaves (a gmina, a powiat): the whole map when nothing is chosen. */
  const fitShown = (animate = true) => {
    // a territory: its own institutions fill the view (those above it stay, at the side)
    const own = (n) => !state.territory || (n.teryt || "").startsWith(state.territory);
    let ids = nodeItems.filter((n) => !n.hidden && own(n)).map((n) => n.id);
    if (!ids.length) ids = nodeItems.filter((n) => !n.hidden).map((n) => n.id);
    if (!ids.length) return;
    fitView(ids, animate);
    if (!animate) relabel();
  };

  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  for (const select of selects) {
    select.addEventListener("change", () => {
      if (state.overview && select.value) {
        // a choice made on the overview opens the institutions
        state.overview = false;
        const back = document.getElementById("kk-overview");
        if (back) back.hidden = false;
      }
      state[select.dataset.filter] = select.value;
      apply();
      fitShown();
    });
  }
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      const layer = box.dataset.layer;
      state.layers[layer] = box.checked;
      apply();
    });
  }
  const resetFilters = (fit = true) => {
    for (const select of selects) {
      select.value = "";
      state[select.dataset.filter] = "";
    }
    apply();
    if (fit) fitShown();
  };
  document.getElementById("kk-reset").addEventListener("click", () => resetFilters());

  /* ---------------------------------------------------------------- focus
     Clicking (or finding) an institution highlights it and its partners, dims the rest,
     and the panel lists its partners by kind of tie, its gaps, its unanswered referrals
     and its groups. "Only its neighbourhood" hides the rest; "Back" shows everything. */

  const selectedBox = document.getElementById("kk-selected");
  const adjacency = new Map();
  for (const e of edgeItems) {
    for (const end of [e.from, e.to]) {
      if (!adjacency.has(end)) adjacency.set(end, []);
      adjacency.get(end).push(e);
    }
  }
  const DIM_EDGE = "rgba(190,190,190,0.18)";
  const labelOf = (id) => {
    const n = nodeById.get(id);
    return n ? n.short || n.label : id;
  };
  const activeEdges = (id) =>
    (adjacency.get(id) || []).filter((e) => state.layers[e.layer] !== false && passesThreshold(e));

  let dimmed = false;
  const undim = () => {
    if (!dimmed) return;
    dimmed = false;
    nodes.update(nodeItems.filter((n) => n.faded).map((n) => ({ id: n.id, opacity: 1 })));
    for (const n of nodeItems) n.faded = false;
    edges.update(edgeItems.filter((e) => e.loaded && e.dim).map((e) => ({ id: e.id, color: e.color })));
    for (const e of edgeItems) e.dim = false;
  };

  const dimAround = (id) => {
    undim();
    const partners = new Set([id]);
    const near = new Set();
    for (const e of activeEdges(id)) {
      partners.add(e.from);
      partners.add(e.to);
      near.add(e.id);
    }
    const nodeUpdates = [];
    for (const n of nodeItems) {
      if (!partners.has(n.id) && !n.hidden) {
        n.faded = true;
        nodeUpdates.push({ id: n.id, opacity: 0.18 });
      }
    }
    const edgeUpdates = [];
    for (const e of edgeItems) {
      if (e.loaded && !e.hidden && !near.has(e.id) && !(partners.has(e.from) && partners.has(e.to))) {
        e.dim = true;
        edgeUpdates.push({ id: e.id, color: DIM_EDGE });
      }
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    dimmed = true;
    return partners;
  };

  const focusButton = (id, text) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kk-link";
    button.dataset.node = id;
    button.textContent = text;
    button.addEventListener("click", () => focusNode(id));
    return button;
  };

  /* The panel's lists: partners by kind of tie, gaps, unanswered referrals, groups. */
  const focusLists = (n) => {
    const box = document.createElement("div");
    box.className = "kk-focus";
    const sections = new Map();
    const add = (title, id, extra) => {
      if (!sections.has(title)) sections.set(title, []);
      sections.get(title).push([id, extra]);
    };
    for (const e of adjacency.get(n.id) || []) {
      const other = e.from === n.id ? e.to : e.from;
      if (e.layer === "ties") {
        for (const kind of e.kd && e.kd.length ? e.kd : [T.tie_other]) add(fill(T.focus_ties, { kind }), other, "");
      } else if (e.layer === "gap_co_serving") {
        add(T.focus_gap_co_serving, other, fill(T.focus_families, { n: e.c }));
      } else if (e.layer === "gap_referrals") {
        const arrow = e.from === n.id ? "→" : "←";
        add(T.focus_gap_referrals, other, `${arrow} ${fill(T.focus_unanswered, { n: e.c })}`);
      } else if (e.layer === "referrals") {
        add(e.from === n.id ? T.focus_referred_to : T.focus_referred_from, other, "");
      } else if (e.layer === "membership") {
        add(T.focus_members, other, "");
      }
    }
    for (const [title, rows] of sections) {
      const h = document.createElement("h3");
      h.textContent = `${title} (${rows.length})`;
      box.appendChild(h);
      const ul = document.createElement("ul");
      rows.sort((a, b) => labelOf(a[0]).localeCompare(labelOf(b[0]), config.lang));
      for (const [id, extra] of rows) {
        const li = document.createElement("li");
        li.appendChild(focusButton(id, labelOf(id)));
        if (extra) {
          const span = document.createElement("span");
          span.className = "kk-sub";
          span.textContent = ` ${extra}`;
          li.appendChild(span);
        }
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
    if (n.gr && n.gr.length) {
      const h = document.createElement("h3");
      h.textContent = `${T.focus_groups} (${n.gr.length})`;
      box.appendChild(h);
      const ul = document.createElement("ul");
      for (const g of n.gr) {
        const li = document.createElement("li");
        li.textContent = g;
        ul.appendChild(li);
      }
      box.appendChild(ul);
    }
    const hidden = (adjacency.get(n.id) || []).filter(
      (e) => GAP_LINES.has(e.layer) && !passesThreshold(e),
    ).length;
    if (hidden) {
      const p = document.createElement("p");
      p.className = "kk-sub";
      p.textContent = fill(T.focus_small_gaps, { n: hidden });
      box.appendChild(p);
    }
    return box;
  };

  const showDetails = (item) => {
    selectedBox.replaceChildren();
    if (!item || !item.tip) {
      selectedBox.hidden = true;
      return;
    }
    selectedBox.appendChild(tipElement(item));
    if (item.kk && nodeById.has(item.id)) {
      const bar = document.createElement("div");
      bar.className = "kk-focus-bar";
      const only = document.createElement("button");
      only.type = "button";
      only.id = "kk-only";
      only.textContent = T.focus_only;
      only.addEventListener("click", () => showOnly(item.id));
      const back = document.createElement("button");
      back.type = "button";
      back.id = "kk-back";
      back.textContent = T.focus_back;
      back.addEventListener("click", clearFocus);
      bar.append(only, back);
      selectedBox.appendChild(bar);
      selectedBox.appendChild(focusLists(item));
    }
    selectedBox.hidden = false;
  };

  const focusNode = (id, animate = true, move = true) => {
    const n = nodeById.get(id);
    if (!n) return false;
    if (n.hidden && n.kk !== "overview") {
      state.only = null;
      if (state.overview) {
        state.overview = false;
        if (overviewButton) overviewButton.hidden = false;
      }
      resetFilters(false);
    }
    network.selectNodes([id]);
    dimAround(id);
    if (move) {
      network.focus(id, {
        scale: Math.max(network.getScale(), 1.0),
        animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false,
      });
    }
    showDetails(n);
    api.focused = id;
    relabelSoon();
    return true;
  };

  /* Only the focused institution and its partners; "Back" shows the whole map again. */
  const showOnly = (id) => {
    const partners = new Set([id]);
    for (const e of activeEdges(id)) {
      partners.add(e.from);
      partners.add(e.to);
    }
    state.only = partners;
    undim();
    apply();
    fitShown();
  };

  const clearFocus = () => {
    api.focused = null;
    state.only = null;
    undim();
    network.unselectAll();
    showDetails(null);
    apply();
    fitShown();
  };

  /* The overview: a click opens a territory's institutions; a button goes back. */
  const overviewButton = document.getElementById("kk-overview");
  const territorySelect = document.getElementById("kk-filter-territory");
  const openTerritory = (code) => {
    state.overview = false;
    state.territory = code;
    if (territorySelect) territorySelect.value = Array.from(territorySelect.options).some((o) => o.value === code) ? code : "";
    if (overviewButton) overviewButton.hidden = false;
    showDetails(null);
    apply();
    fitShown();
  };
  const backToOverview = () => {
    state.overview = true;
    state.only = null;
    undim();
    api.focused = null;
    showDetails(null);
    resetFilters(false);
    if (overviewButton) overviewButton.hidden = true;
    fitShown();
  };
  if (overviewButton) overviewButton.addEventListener("click", backToOverview);

  network.on("click", (p) => {
    const clicked = p.nodes.length ? nodeById.get(p.nodes[0]) : null;
    if (clicked && clicked.kk === "overview") openTerritory(clicked.teryt);
    else if (p.nodes.length) focusNode(p.nodes[0], false, false);
    else if (p.edges.length) showDetails(edgeById.get(p.edges[0]));
    else if (api.focused) clearFocus();
    else showDetails(null);
  });

  /* ---------------------------------------------------------------- search
     The way staff type: abbreviations (GOPS, PCPR, SP), numbers ("SP 1", "szkoła nr 1"),
     parts of words in any order, with or without Polish letters. Every word typed must
     match the start of a word of the institution's short label, name, type, sector or
     place (a Polish ending may differ: "policja" finds "policji"); words of the short label
     count most, then the most central institutions. */

  const input = document.getElementById("kk-search-input");
  const results = document.getElementById("kk-results");
  let matches = [];
  const wordsOf = new Map();
  for (const n of nodeItems) {
    wordsOf.set(n.id, [fold(n.short || n.label).split(" "), (n.fold || "").split(" ")]);
  }
  const common = (a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    return i;
  };
  const wordScore = (token, word) => {
    if (word === token) return 3;
    if (/^\d+$/.test(token) || token.length === 1) return 0; // "1" is not "12", "b" not "biblioteka"
    if (word.startsWith(token)) return 2;
    if (token.length >= 5 && common(token, word) >= Math.max(5, token.length - 2)) return 1;
    return 0;
  };
  const bestIn = (token, words) => {
    let best = 0;
    for (const w of words) best = Math.max(best, wordScore(token, w));
    return best;
  };

  const search = (query) => {
    const q = fold(query);
    if (!q) return [];
    const raw = query.trim().toLowerCase();
    const tokens = q.split(" ").filter((t) => t && t !== "nr");
    const scored = [];
    for (const n of nodeItems) {
      let score = 0;
      if (n.id.toLowerCase() === raw || (n.kk === "territory" && n.teryt === raw)) score = 1000;
      else {
        const [short, all] = wordsOf.get(n.id);
        for (const t of tokens) {
          const inShort = bestIn(t, short);
          const anywhere = inShort ? inShort * 2 : bestIn(t, all);
          if (!anywhere) {
            score = 0;
            break;
          }
          score += anywhere;
        }
        if (score && tokens.length && short[0] === tokens[0]) score += 3;
      }
      if (score > 0) scored.push([score, n.rank ?? 0, n.short || n.label, n]);
    }
    scored.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2].localeCompare(b[2], config.lang));
    return scored.slice(0, 12).map((s) => s[3]);
  };

  const showResults = () => {
    matches = search(input.value);
    results.replaceChildren();
    if (!input.value.trim()) {
      results.hidden = true;
      return;
    }
    if (!matches.length) {
      const li = document.createElement("li");
      li.className = "kk-none";
      li.textContent = T.search_none;
      results.appendChild(li);
    }
    for (const n of matches) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.node = n.id;
      button.textContent = n.short || n.label;
      const sub = document.createElement("span");
      sub.className = "kk-sub";
      sub.textContent = n.tip ? n.tip[0] : n.id;
      button.appendChild(sub);
      button.addEventListener("click", () => focusNode(n.id));
      li.appendChild(button);
      results.appendChild(li);
    }
    results.hidden = false;
  };

  input.addEventListener("input", showResults);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && matches.length) {
      event.preventDefault();
      focusNode(matches[0].id);
    } else if (event.key === "Escape") {
      input.value = "";
      showResults();
    }
  });

  /* ---------------------------------------------------------------- save, print
     The current view as a PNG image or an SVG drawing, with the title, the scope, the date
     of the data and the legend; the print style sheet puts the legend beside the map. */

  const SAVE_W = 1600;
  const HEAD_H = 70;
  const LEGEND_W = 340;
  const face = options.nodes.font.face;

  /* Legend rows as [kind, title/label, colour, shape, dashes, stops]. */
  const legendRows = () => {
    const rows = [];
    for (const section of config.legend) {
      rows.push(["title", section.title]);
      for (const item of section.items) rows.push([item.swatch, item.label, item.colour, item.shape, item.dashes, item.stops]);
    }
    for (const p of document.querySelectorAll(".kk-notes p, #kk-gap-meaning")) {
      if (p.textContent) rows.push(["note", p.textContent]);
    }
    return rows;
  };

  const wrap = (ctx, text, width) => {
    const words = String(text).split(" ");
    const lines = [];
    let line = "";
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (ctx.measureText(next).width > width && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  };

  const swatchPath = (ctx, shape, x, y, r) => {
    ctx.beginPath();
    if (shape === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (shape === "triangle") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); ctx.closePath();
    } else if (shape === "diamond" || shape === "star") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    } else if (shape === "hexagon") {
      for (let i = 0; i < 6; i += 1) {
        const t = (Math.PI / 3) * i;
        if (i) ctx.lineTo(x + r * Math.cos(t), y + r * Math.sin(t));
        else ctx.moveTo(x + r, y);
      }
      ctx.closePath();
    } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  };

  const drawLegend = (ctx, x0, y0, width) => {
    let y = y0;
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#222";
    ctx.font = `600 15px ${face}`;
    ctx.fillText(T.legend, x0, y);
    y += 24;
    for (const [kind, label, colour, shape, dashes, stops] of legendRows()) {
      if (kind === "title" || kind === "note") {
        ctx.font = kind === "title" ? `600 13px ${face}` : `italic 12px ${face}`;
        ctx.fillStyle = kind === "title" ? "#222" : "#7a1f1f";
        for (const line of wrap(ctx, label, width)) {
          ctx.fillText(line, x0, y);
          y += 17;
        }
        y += 2;
        continue;
      }
      ctx.save();
      if (kind === "shape") {
        ctx.fillStyle = colour;
        ctx.strokeStyle = "#555";
        swatchPath(ctx, shape, x0 + 9, y, 7);
        ctx.fill();
        ctx.stroke();
      } else if (kind === "outline") {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 3;
        swatchPath(ctx, "dot", x0 + 9, y, 6);
        ctx.stroke();
      } else if (kind === "line") {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 2.5;
        ctx.setLineDash(dashes || []);
        ctx.beginPath();
        ctx.moveTo(x0, y);
        ctx.lineTo(x0 + 34, y);
        ctx.stroke();
      } else if (kind === "gradient") {
        const g = ctx.createLinearGradient(x0, 0, x0 + 40, 0);
        (stops || []).forEach((c, i, all) => g.addColorStop(i / Math.max(all.length - 1, 1), c));
        ctx.fillStyle = g;
        ctx.fillRect(x0, y - 5, 40, 10);
      }
      ctx.restore();
      ctx.font = `13px ${face}`;
      ctx.fillStyle = "#222";
      const lines = wrap(ctx, label, width - 50);
      for (const line of lines) {
        ctx.fillText(line, x0 + 48, y);
        y += 17;
      }
      y += 2;
    }
    return y;
  };

  const headerText = () => [
    config.title,
    config.facts.map(([label, value]) => `${label}: ${value}`).join("   "),
  ];

  /* The view as a PNG data URL: header, the map as drawn, legend at the right. */
  const exportPng = () => {
    const source = container.querySelector("canvas");
    const mapW = SAVE_W - LEGEND_W;
    const mapH = Math.round((source.height / source.width) * mapW);
    const probe = document.createElement("canvas").getContext("2d");
    probe.font = `13px ${face}`;
    const legendH = drawLegend(probe, 0, 0, LEGEND_W - 30) + 20;
    const out = document.createElement("canvas");
    out.width = SAVE_W;
    out.height = HEAD_H + Math.max(mapH, legendH);
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    const [title, facts] = headerText();
    ctx.fillStyle = "#222";
    ctx.textBaseline = "top";
    ctx.font = `600 22px ${face}`;
    ctx.fillText(title, 16, 12);
    ctx.font = `13px ${face}`;
    ctx.fillText(facts, 16, 44);
    ctx.drawImage(source, 0, HEAD_H, mapW, mapH);
    drawLegend(ctx, mapW + 16, HEAD_H + 16, LEGEND_W - 30);
    return out.toDataURL("image/png");
  };

  const esc = (text) =>
    String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  /* The view as an SVG drawing: every visible line and node, the labels drawn now, the
     header and the legend (as text and shapes, so it prints sharp at any size). */
  const exportSvg = () => {
    const box = container.getBoundingClientRect();
    const mapW = box.width;
    const mapH = box.height;
    const toDom = (id) => network.canvasToDOM(network.getPositions([id])[id]);
    const scale = network.getScale();
    const parts = [];
    for (const e of edges.get({ filter: (e) => !e.hidden })) {
      const a = toDom(e.from);
      const b = toDom(e.to);
      const colour = e.dim ? DIM_EDGE : e.color;
      const dash = e.dashes ? ` stroke-dasharray="${e.dashes.join(" ")}"` : "";
      parts.push(`<line class="kk-edge" x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${esc(colour)}" stroke-width="${Math.max(e.width * scale, 0.5).toFixed(2)}"${dash}/>`);
    }
    for (const n of nodes.get({ filter: (n) => !n.hidden })) {
      const p = toDom(n.id);
      const r = Math.max((n.value || 10) * scale, 1.5);
      const fillColour = n.color.background;
      const stroke = n.color.border;
      const op = n.opacity !== undefined && n.opacity < 1 ? ` opacity="${n.opacity}"` : "";
      const attrs = `class="kk-node" fill="${esc(fillColour)}" stroke="${esc(stroke)}" stroke-width="${n.borderWidth || 1}"${op}`;
      if (n.shape === "square") parts.push(`<rect x="${(p.x - r).toFixed(1)}" y="${(p.y - r).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(2 * r).toFixed(1)}" ${attrs}/>`);
      else if (n.shape === "dot") parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${r.toFixed(1)}" ${attrs}/>`);
      else {
        const sides = n.shape === "triangle" ? 3 : n.shape === "hexagon" ? 6 : 4;
        const pts = [];
        for (let i = 0; i < sides; i += 1) {
          const t = -Math.PI / 2 + (2 * Math.PI * i) / sides;
          pts.push(`${(p.x + r * Math.cos(t)).toFixed(1)},${(p.y + r * Math.sin(t)).toFixed(1)}`);
        }
        parts.push(`<polygon points="${pts.join(" ")}" ${attrs}/>`);
      }
      if (n.label) {
        parts.push(`<text class="kk-label" x="${p.x.toFixed(1)}" y="${(p.y + r + 15).toFixed(1)}" text-anchor="middle" font-size="${LABEL_PX}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(n.label)}</text>`);
      }
    }
    const legend = [];
    let y = 22;
    legend.push(`<text x="0" y="${y}" font-size="15" font-weight="600">${esc(T.legend)}</text>`);
    y += 24;
    for (const [kind, label, colour, shape, dashes] of legendRows()) {
      if (kind === "title" || kind === "note") {
        legend.push(`<text x="0" y="${y}" font-size="${kind === "title" ? 13 : 12}"${kind === "title" ? ' font-weight="600"' : ' font-style="italic" fill="#7a1f1f"'}>${esc(label)}</text>`);
        y += 20;
        continue;
      }
      if (kind === "line") legend.push(`<line x1="0" y1="${y - 4}" x2="34" y2="${y - 4}" stroke="${esc(colour)}" stroke-width="2.5"${dashes ? ` stroke-dasharray="${dashes.join(" ")}"` : ""}/>`);
      else if (kind === "shape") legend.push(`<circle cx="9" cy="${y - 4}" r="7" fill="${esc(colour)}" stroke="#555"/>`);
      else if (kind === "outline") legend.push(`<circle cx="9" cy="${y - 4}" r="6" fill="none" stroke="${esc(colour)}" stroke-width="3"/>`);
      legend.push(`<text x="48" y="${y}" font-size="13">${esc(label)}</text>`);
      y += 20;
    }
    const [title, facts] = headerText();
    const height = HEAD_H + Math.max(mapH, y + 20);
    const width = mapW + LEGEND_W;
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width.toFixed(0)}" height="${height.toFixed(0)}" viewBox="0 0 ${width.toFixed(0)} ${height.toFixed(0)}" font-family="${esc(face)}">`,
      `<rect width="100%" height="100%" fill="#fff"/>`,
      `<text x="16" y="32" font-size="22" font-weight="600">${esc(title)}</text>`,
      `<text x="16" y="56" font-size="13">${esc(facts)}</text>`,
      `<g transform="translate(0 ${HEAD_H})"><clipPath id="kk-clip"><rect width="${mapW.toFixed(0)}" height="${mapH.toFixed(0)}"/></clipPath><g clip-path="url(#kk-clip)">${parts.join("")}</g></g>`,
      `<g transform="translate(${(mapW + 16).toFixed(0)} ${HEAD_H})">${legend.join("")}</g>`,
      "</svg>",
    ].join("\n");
  };

  const download = (href, name) => {
    const a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };
  const fileStem = () => fold(config.title).replace(/ /g, "-").slice(0, 60) || "mapa";
  document.getElementById("kk-save-png").addEventListener("click", () => download(exportPng(), `${fileStem()}.png`));
  document.getElementById("kk-save-svg").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([exportSvg()], { type: "image/svg+xml" }));
    download(url, `${fileStem()}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  document.getElementById("kk-print").addEventListener("click", () => window.print());

  /* ---------------------------------------------------------------- start */

  if (!nodeItems.length) document.getElementById("kk-empty").hidden = false;
  apply();
  if (nodeItems.length) {
    fitView(nodeItems.filter((n) => !n.hidden).map((n) => n.id), false);
    relabel();
  }
  if (config.focus) {
    // an ego map is laid out around its focus already: select it, do not zoom to it
    network.once("afterDrawing", () => focusNode(config.focus, false, config.kind !== "ego"));
  }
  Object.assign(api, {
    apply, focus: focusNode, search, resetFilters, relabel, fitShown, exportPng, exportSvg,
    showOnly, clearFocus, openTerritory, backToOverview, ready: true,
  });
})();
