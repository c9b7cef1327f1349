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
    return `${from ? from.label : item.from} ${item.arrows ? "→" : "—"} ${to ? to.label : item.to}`;
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

  const state = { sector: "", type: "", territory: "", layers: {} };
  for (const layer of config.layers) state.layers[layer.id] = layer.on;

  /* Edges of layers switched off at the start are loaded when first switched on. */
  const pending = {};
  const startEdges = [];
  for (const e of edgeItems) {
    if (state.layers[e.layer] === false) {
      (pending[e.layer] = pending[e.layer] || []).push(e);
    } else {
      e.loaded = true;
      startEdges.push(e);
    }
  }

  /* Node values are sizes already (kokon_graph.viz.style.SIZE_MIN..SIZE_MAX): draw them as
     they are, and scale labels with them (small ones vanish when zoomed out). */
  const scaling = options.nodes.scaling;
  scaling.customScalingFunction = (min, max, total, value) =>
    (value - scaling.min) / (scaling.max - scaling.min);

  const nodes = new vis.DataSet(nodeItems);
  const edges = new vis.DataSet(startEdges);
  const container = document.getElementById("mynetwork");
  const network = new vis.Network(container, { nodes, edges }, options);
  Object.assign(api, { network, nodes, edges, state, fold });

  network.once("afterDrawing", () => {
    api.firstDraw = performance.now();
    document.documentElement.setAttribute("data-drawn", "1");
  });

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
    if (state.sector && n.kk === "institution" && n.sector !== state.sector) return false;
    if (state.type) {
      const aboutGroups = state.type.startsWith("group:");
      const concerns = aboutGroups ? n.kk === "group" : n.kk === "institution";
      if (concerns && n.type !== state.type) return false;
    }
    if (state.territory && !inTerritory(n.teryt || "", state.territory)) return false;
    return true;
  };

  const countBox = document.getElementById("kk-count");

  const apply = () => {
    const nodeUpdates = [];
    let shownNodes = 0;
    for (const n of nodeItems) {
      const show = passes(n);
      const update = { id: n.id };
      let changed = false;
      if (show) shownNodes += 1;
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
    let shownEdges = 0;
    for (const e of edgeItems) {
      if (!e.loaded) continue;
      const show =
        state.layers[e.layer] !== false &&
        !nodeById.get(e.from).hidden &&
        !nodeById.get(e.to).hidden;
      if (show) shownEdges += 1;
      if (Boolean(e.hidden) === show) {
        e.hidden = !show;
        edgeUpdates.push({ id: e.id, hidden: !show });
      }
    }
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    countBox.textContent = fill(T.visible, {
      nodes: shownNodes,
      edges: shownEdges,
      nodes_word: plural("node", shownNodes),
      edges_word: plural("edge", shownEdges),
    });
    api.shown = { nodes: shownNodes, edges: shownEdges };
  };

  const selects = Array.from(document.querySelectorAll("select[data-filter]"));
  for (const select of selects) {
    select.addEventListener("change", () => {
      state[select.dataset.filter] = select.value;
      apply();
    });
  }
  for (const box of document.querySelectorAll("input[data-layer]")) {
    box.addEventListener("change", () => {
      const layer = box.dataset.layer;
      state.layers[layer] = box.checked;
      if (box.checked && pending[layer]) {
        for (const e of pending[layer]) {
          e.loaded = true;
          e.hidden = true; // apply() shows those whose ends are visible
        }
        edges.add(pending[layer].map((e) => ({ ...e, hidden: true })));
        delete pending[layer];
      }
      apply();
    });
  }
  const resetFilters = () => {
    for (const select of selects) {
      select.value = "";
      state[select.dataset.filter] = "";
    }
    apply();
  };
  document.getElementById("kk-reset").addEventListener("click", resetFilters);

  /* ---------------------------------------------------------------- selection, search */

  const selectedBox = document.getElementById("kk-selected");
  const showDetails = (item) => {
    selectedBox.replaceChildren();
    if (!item || !item.tip) {
      selectedBox.hidden = true;
      return;
    }
    selectedBox.appendChild(tipElement(item));
    selectedBox.hidden = false;
  };

  const focusNode = (id, animate = true) => {
    const n = nodeById.get(id);
    if (!n) return false;
    if (n.hidden) resetFilters();
    network.selectNodes([id]);
    network.focus(id, {
      scale: Math.max(network.getScale(), 1.0),
      animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false,
    });
    showDetails(n);
    api.focused = id;
    return true;
  };

  network.on("click", (p) => {
    if (p.nodes.length) showDetails(nodeById.get(p.nodes[0]));
    else if (p.edges.length) showDetails(edgeById.get(p.edges[0]));
    else showDetails(null);
  });

  const input = document.getElementById("kk-search-input");
  const results = document.getElementById("kk-results");
  let matches = [];

  const search = (query) => {
    const q = fold(query);
    if (!q) return [];
    const raw = query.trim().toLowerCase();
    const scored = [];
    for (const n of nodeItems) {
      const name = n.fold || "";
      let rank = -1;
      if (n.id.toLowerCase() === raw || (n.kk === "territory" && n.teryt === raw)) rank = 0;
      else if (name.startsWith(q)) rank = 1;
      else if (name.includes(" " + q)) rank = 2;
      else if (name.includes(q)) rank = 3;
      if (rank >= 0) scored.push([rank, n.label, n]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1], config.lang));
    return scored.slice(0, 12).map((s) => s[2]);
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
      button.textContent = n.label;
      const sub = document.createElement("span");
      sub.className = "kk-sub";
      const where = n.tip ? n.tip[1].find((row) => tipLabels[row[0]] === T.tip_territory) : null;
      sub.textContent = where ? where[1] : n.id;
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

  /* ---------------------------------------------------------------- start */

  if (!nodeItems.length) document.getElementById("kk-empty").hidden = false;
  apply();
  if (config.focus) {
    network.once("afterDrawing", () => focusNode(config.focus, false));
  }
  Object.assign(api, { apply, focus: focusNode, search, resetFilters, ready: true });
})();
