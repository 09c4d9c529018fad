// orgchart's interactive page: era switch, pan and zoom, search, side panel, collapse, change
// overlay, and the URL hash (#era=...&node=...&changes=1). Every text shown comes from the
// embedded JSON and is set with textContent, never parsed as HTML. An era too large for one
// Graphviz picture has no SVG: OrgTree (tree.js) lays it out and draws what is in view
// (`state.tree`); the hooks below marked "large era" hand it the work.
(() => {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const RELATIONS = {
    parent: ["Part of", "Contains"],
    oversight: ["Overseen by", "Oversees"],
    partnership: ["Partner of", "Partners with"],
    coordination: ["Coordinated with by", "Coordinates with"],
    support: ["Supported by", "Supports"],
  };

  const $ = (id) => document.getElementById(id);
  const index = JSON.parse($("site-index").textContent);
  const eraCache = new Map();
  const collapsedByEra = new Map();
  const expandedByEra = new Map(); // large eras: the branches the reader opened, kept across era switches
  const viewport = $("viewport");
  const eraSelect = $("era-select");
  const search = $("search");
  const suggestions = $("suggestions");
  const changesToggle = $("changes-toggle");
  const sideToggle = $("side-toggle");
  const panelBody = $("panel-body");

  const state = { era: null, node: null, changes: false, side: false, svg: null, base: null, view: null, tree: null };
  // Zoom bounds, in screen pixels per chart unit times the chart's name size: Fit never shows
  // names smaller than LEGIBLE_PX (it fits the selected branch, or the top, instead), and
  // selecting an entity zooms in until its name is READABLE_PX high.
  const LEGIBLE_PX = 4;
  const READABLE_PX = 11;
  const SVG_NAME_SIZE = 10.5;
  // Embedded (index.html?embed=1, or built with `orgchart site --embed`): the chart takes the
  // whole frame, controls and panel wait until asked. Framed: the URL follows the state with
  // replaceState, so clicks never add entries to the host page's history.
  const embedded = document.body.dataset.embed === "true" || new URLSearchParams(location.search).get("embed") === "1";
  const framed = (() => {
    try {
      return window.self !== window.top;
    } catch (error) {
      return true;
    }
  })();
  let writtenHash = "";
  let applyingHash = false;

  // ---- data -------------------------------------------------------------------------------

  function prepare(data) {
    data.byId = new Map(data.nodes.map((n) => [n.id, n]));
    data.children = new Map();
    for (const n of data.nodes) {
      if (n.tree_parent && data.byId.has(n.tree_parent)) {
        if (!data.children.has(n.tree_parent)) data.children.set(n.tree_parent, []);
        data.children.get(n.tree_parent).push(n.id);
      }
    }
    data.roots = data.nodes.filter((n) => !n.tree_parent || !data.byId.has(n.tree_parent)).map((n) => n.id);
    return data;
  }

  // A large era's data is deflated (tree.js decodes it): loadEra() first, then era() has it.
  function era(id) {
    if (!eraCache.has(id)) {
      const block = $("era-data-" + id);
      if (!block || OrgTree.isPacked(block)) return null;
      eraCache.set(id, prepare(JSON.parse(block.textContent)));
    }
    return eraCache.get(id);
  }

  async function loadEra(id) {
    const block = id ? $("era-data-" + id) : null;
    if (block && OrgTree.isPacked(block) && !eraCache.has(id)) eraCache.set(id, prepare(await OrgTree.decode(block)));
    return era(id);
  }

  function current() {
    return era(state.era);
  }

  function collapsed() {
    if (state.tree) return state.tree.collapsed; // large era: the tree view keeps what is open
    if (!collapsedByEra.has(state.era)) collapsedByEra.set(state.era, new Set());
    return collapsedByEra.get(state.era);
  }

  // How many entities lie below a node (counted once per era).
  function countBelow(data, id) {
    if (!data.sizes) data.sizes = OrgTree.subtreeSizes(data);
    return data.sizes.get(id) || 0;
  }

  function descendants(data, id) {
    const out = [];
    const stack = [...(data.children.get(id) || [])];
    const seen = new Set([id]);
    while (stack.length) {
      const next = stack.pop();
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      stack.push(...(data.children.get(next) || []));
    }
    return out;
  }

  function pathToRoot(data, id) {
    const path = [];
    const seen = new Set();
    let step = id;
    while (step && !seen.has(step) && data.byId.has(step)) {
      seen.add(step);
      path.unshift(step);
      step = data.byId.get(step).tree_parent;
    }
    return path;
  }

  function displayName(node) {
    return node.acronym ? node.name + " (" + node.acronym + ")" : node.name;
  }

  // ---- small DOM helpers --------------------------------------------------------------------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function announce(message) {
    $("status").textContent = message;
  }

  function nodeGroup(id) {
    return state.svg ? state.svg.querySelector('g[data-node="' + CSS.escape(id) + '"]') : null;
  }

  // ---- chart: show an era ------------------------------------------------------------------

  // The side-by-side change chart of an era against the previous one, when the page has it.
  function sideChart(id) {
    return $("side-" + id);
  }

  function showEra(id) {
    const side = state.changes && state.side ? sideChart(id) : null;
    const template = side || $("svg-" + id);
    if (!era(id) || (!template && !era(id).packed)) return false;
    state.era = id;
    eraSelect.value = id;
    viewport.dataset.era = id;
    if (state.tree) state.tree.destroy();
    state.tree = null;
    viewport.dataset.view = side ? "side-by-side" : "chart";
    if (template) {
      viewport.replaceChildren(template.content.cloneNode(true));
      state.svg = viewport.querySelector("svg");
      const box = state.svg.viewBox.baseVal;
      state.base = { x: box.x, y: box.y, w: box.width, h: box.height };
    } else {
      // Large era: the tree view draws into its own SVG as the view moves.
      state.tree = OrgTree.create({
        data: era(id),
        expanded: expandedByEra.get(id),
        styles: index.styles || {},
        marks: index.marks,
        selected: () => state.node,
        changesOn: () => state.changes && !!current().changes,
        view: () => state.view,
        setView,
        scale,
      });
      expandedByEra.set(id, state.tree.expanded);
      viewport.replaceChildren(state.tree.svg);
      state.svg = state.tree.svg;
      state.base = { ...state.tree.extent() };
    }
    state.view = { ...state.base };
    state.svg.setAttribute("viewBox", [state.view.x, state.view.y, state.view.w, state.view.h].join(" "));
    if (!side) {
      prepareNodes();
      applyCollapsed();
    }
    applyChanges();
    const data = current();
    const heading = document.querySelector("h1[data-follows-era]");
    if (heading) {
      heading.textContent = data.label; // the default title names the era shown
      document.title = data.label;
    }
    const titles = data.sources.map((s) => (index.sources[s] ? index.sources[s].title : s));
    const sources = titles.length > 3 ? titles.slice(0, 2).join("; ") + " and " + (titles.length - 2) + " more" : titles.join("; ");
    $("era-summary").textContent =
      data.label + " · " + data.date + " · " + data.nodes.length.toLocaleString("en-US") + " entities · source" +
      (titles.length > 1 ? "s: " : ": ") + sources;
    if (data.packed && !data.searchFields) setTimeout(() => searchFields(data), 50); // ready for the first keystroke
    const previous = data.changes ? data.changes.previous_label : null;
    changesToggle.disabled = !previous;
    changesToggle.title = previous ? "Compare with " + previous : "The first era has no previous era";
    return true;
  }

  function prepareNodes() {
    if (state.tree) return; // large era: the tree view draws its own toggles
    const data = current();
    let first = true;
    for (const group of state.svg.querySelectorAll("g[data-node]")) {
      const id = group.dataset.node;
      group.setAttribute("tabindex", first ? "0" : "-1");
      first = false;
      if (data.children.has(id)) {
        const box = group.getBBox();
        const toggle = document.createElementNS(SVG_NS, "g");
        toggle.setAttribute("class", "subtree-toggle");
        toggle.setAttribute("aria-hidden", "true");
        const circle = document.createElementNS(SVG_NS, "circle");
        circle.setAttribute("cx", String(box.x + box.width - 2));
        circle.setAttribute("cy", String(box.y + box.height - 2));
        circle.setAttribute("r", "6.5");
        const sign = document.createElementNS(SVG_NS, "text");
        sign.setAttribute("x", String(box.x + box.width - 2));
        sign.setAttribute("y", String(box.y + box.height + 1.5));
        sign.setAttribute("text-anchor", "middle");
        toggle.append(circle, sign);
        const title = document.createElementNS(SVG_NS, "title");
        toggle.append(title);
        group.append(toggle);
      }
    }
  }

  // ---- collapse and expand -----------------------------------------------------------------

  function hiddenNodes() {
    const data = current();
    const hidden = new Set();
    for (const id of collapsed()) for (const d of descendants(data, id)) hidden.add(d);
    return hidden;
  }

  function applyCollapsed() {
    if (state.tree) {
      state.tree.update(); // large era: lay out again
      state.base = { ...state.tree.extent() };
      return;
    }
    const data = current();
    const hidden = hiddenNodes();
    for (const group of state.svg.querySelectorAll("g[data-node]")) {
      const id = group.dataset.node;
      group.classList.toggle("is-hidden", hidden.has(id));
      const isCollapsed = collapsed().has(id) && data.children.has(id);
      group.classList.toggle("collapsed", isCollapsed);
      const node = data.byId.get(id);
      const below = isCollapsed ? countBelow(data, id) : 0;
      const label = node.name + (node.acronym ? " (" + node.acronym + ")" : "") + ", " + node.kind;
      group.setAttribute("aria-label", below ? label + ", collapsed, " + below + " hidden below" : label);
      const toggle = group.querySelector(".subtree-toggle");
      if (toggle) {
        toggle.querySelector("text").textContent = isCollapsed ? "+" : "−";
        toggle.querySelector("title").textContent = isCollapsed ? "Expand (" + below + " hidden)" : "Collapse";
      }
    }
    for (const edge of data.edges) {
      const target = document.getElementById(edge.svg_id);
      if (target) target.classList.toggle("is-hidden", hidden.has(edge.superior) || hidden.has(edge.subordinate));
    }
    for (const box of state.svg.querySelectorAll("g[data-superior]")) {
      const superior = box.dataset.superior;
      box.classList.toggle("is-hidden", hidden.has(superior) || collapsed().has(superior));
    }
  }

  function setCollapsed(id, value) {
    const data = current();
    if (!data.children.has(id)) return;
    if (value) collapsed().add(id);
    else collapsed().delete(id);
    applyCollapsed();
    const node = data.byId.get(id);
    const count = countBelow(data, id);
    announce((value ? "Collapsed " : "Expanded ") + node.name + ": " + count + " below");
    if (state.node === id) renderPanel();
  }

  function revealNode(id) {
    const data = current();
    let changed = false;
    for (const step of pathToRoot(data, id).slice(0, -1)) {
      if (collapsed().delete(step)) changed = true;
    }
    if (changed) applyCollapsed();
  }

  // ---- change overlay ------------------------------------------------------------------------

  function applyChanges() {
    const data = current();
    const info = data.changes;
    const on = state.changes && !!info;
    changesToggle.checked = state.changes;
    sideToggle.checked = state.side;
    sideToggle.disabled = !on || !sideChart(state.era);
    sideToggle.title = sideChart(state.era)
      ? "Show the previous era's tree and this era's side by side"
      : "No side-by-side chart for this era";
    $("change-legend").hidden = !on;
    if (state.tree) state.tree.render(); // large era: marks follow state.changes when drawn
    for (const old of state.tree ? [] : state.svg.querySelectorAll(".change-badge")) old.remove();
    for (const group of state.tree ? [] : state.svg.querySelectorAll("g[data-node]")) {
      group.classList.remove("change-added", "change-renamed", "change-moved");
      const marks = on ? info.marks[group.dataset.node] || [] : [];
      if (!marks.length) continue;
      for (const mark of marks) group.classList.add("change-" + mark);
      const box = group.getBBox();
      const badge = document.createElementNS(SVG_NS, "text");
      badge.setAttribute("class", "change-badge badge-" + marks[0]);
      badge.setAttribute("x", String(box.x + 2));
      badge.setAttribute("y", String(box.y - 2));
      badge.textContent = marks.map((m) => index.marks[m] || m).join(", ");
      group.append(badge);
    }
    if (on) {
      const c = info.counts;
      const removed = info.removed.length;
      const gone = removed ? "; " + removed + " of its entities not mentioned in this era" : "";
      $("change-counts").textContent =
        "since " + info.previous_label + ": " + c.added + " added, " + c.renamed + " renamed, " + c.moved + " moved" + gone;
      const marked = Object.keys(info.marks).length;
      // A large era opens with most branches closed: say where its changes are.
      $("change-note").textContent = state.tree && marked
        ? "Most of them are in closed branches: each shows how many changes it holds; Next change visits them one by one."
        : "";
      $("change-prev").disabled = $("change-next").disabled = !marked;
    }
  }

  // The marked entities of an era in the order of its tree (each branch before the next), so
  // Next change walks the chart from left to right, opening what it must.
  function changeOrder(data) {
    if (data.changeOrder) return data.changeOrder;
    const marks = data.changes ? data.changes.marks : {};
    const order = [];
    const stack = [...data.roots].reverse();
    const seen = new Set();
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      if (marks[id]) order.push(id);
      const below = data.children.get(id) || [];
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
    data.changeOrder = order;
    return order;
  }

  // The position of every entity in that order (made when first needed).
  function treeIndex(data) {
    if (data.treeIndex) return data.treeIndex;
    const position = new Map();
    const stack = [...data.roots].reverse();
    while (stack.length) {
      const id = stack.pop();
      if (position.has(id)) continue;
      position.set(id, position.size);
      const below = data.children.get(id) || [];
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
    data.treeIndex = position;
    return position;
  }

  function stepChange(forward) {
    const data = current();
    const order = changeOrder(data);
    if (!order.length) return;
    let next;
    if (!state.node || !data.byId.has(state.node)) next = forward ? 0 : order.length - 1;
    else {
      const at = treeIndex(data);
      const here = at.get(state.node);
      // The first marked entity after (or before) the selected one, going round at the end.
      let low = 0;
      let high = order.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (at.get(order[middle]) <= here) low = middle + 1;
        else high = middle;
      }
      const same = low > 0 && order[low - 1] === state.node;
      next = forward ? low % order.length : ((same ? low - 2 : low - 1) + order.length) % order.length;
    }
    const id = order[next];
    select(id, { center: true, highlight: true });
    announce("Change " + (next + 1).toLocaleString("en-US") + " of " + order.length.toLocaleString("en-US") + ": " +
      displayName(data.byId.get(id)) + " (" + data.changes.marks[id].join(", ") + ")");
  }

  // ---- pan and zoom --------------------------------------------------------------------------

  function setView(view) {
    state.view = view;
    state.svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    if (state.tree) state.tree.render(); // large era: draw what is now in view
  }

  // Screen pixels per chart unit at which the chart's names are `px` high.
  function scaleFor(px) {
    return px / (state.tree ? state.tree.fontSize : SVG_NAME_SIZE);
  }

  // The view that shows `box` (chart units) whole at `atScale` px per unit at most, centred.
  function viewOf(box, atScale) {
    const rect = viewport.getBoundingClientRect();
    const width = Math.max(rect.width, 1);
    const height = Math.max(rect.height, 1);
    const s = Math.min(atScale, width / box.w, height / box.h);
    const w = width / s;
    const h = height / s;
    return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
  }

  // A node's box in chart units, or null when it is not drawn.
  function nodeBox(id) {
    if (state.tree) return state.tree.boxOf(id);
    const group = nodeGroup(id);
    if (!group) return null;
    const rect = group.getBoundingClientRect();
    const a = toChart(rect.left, rect.top);
    const b = toChart(rect.right, rect.bottom);
    return { x: a.x, y: a.y, w: b.x - a.x, h: b.y - a.y };
  }

  // A node and everything shown below it, in chart units.
  function branchBox(id) {
    if (state.tree) return state.tree.branchOf(id);
    const data = current();
    const boxes = [id, ...descendants(data, id)].map(nodeBox).filter((box) => box && box.w > 0);
    if (!boxes.length) return null;
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const x1 = Math.max(...boxes.map((b) => b.x + b.w));
    const y1 = Math.max(...boxes.map((b) => b.y + b.h));
    return { x, y, w: x1 - x, h: y1 - y };
  }

  function scale() {
    const matrix = state.svg.getScreenCTM();
    return matrix ? matrix.a : 1;
  }

  function toChart(clientX, clientY) {
    const point = state.svg.createSVGPoint();
    point.x = clientX;
    point.y = clientY;
    const matrix = state.svg.getScreenCTM();
    return matrix ? point.matrixTransform(matrix.inverse()) : point;
  }

  function zoomAt(factor, clientX, clientY) {
    const rect = state.svg.getBoundingClientRect();
    const x = clientX === undefined ? rect.left + rect.width / 2 : clientX;
    const y = clientY === undefined ? rect.top + rect.height / 2 : clientY;
    const p = toChart(x, y);
    const v = state.view;
    const width = v.w / factor;
    const limit = state.tree ? rect.width / 0.004 : state.base.w * 4;
    if (width > limit || width < (state.tree ? rect.width / 4 : state.base.w / 40)) return;
    setView({ x: p.x - (p.x - v.x) / factor, y: p.y - (p.y - v.y) / factor, w: width, h: v.h / factor });
  }

  function panBy(dxPixels, dyPixels) {
    const s = scale();
    const v = state.view;
    setView({ x: v.x - dxPixels / s, y: v.y - dyPixels / s, w: v.w, h: v.h });
  }

  // The whole chart if its names stay legible; else the selected entity's branch (or the
  // entity itself if even its branch is too large), else the top of the chart, at a legible
  // scale. A chart of thousands of boxes never fits the screen as a hairline.
  function fit() {
    const legible = scaleFor(LEGIBLE_PX);
    const rect = viewport.getBoundingClientRect();
    const whole = state.base;
    if (Math.min(rect.width / whole.w, rect.height / whole.h) >= legible) {
      setView({ ...whole });
      return;
    }
    const branch = state.node ? branchBox(state.node) : null;
    if (branch) {
      const view = viewOf(branch, scaleFor(READABLE_PX)); // a small branch is not blown up
      if (rect.width / view.w >= legible) {
        setView(view);
        return;
      }
      const box = nodeBox(state.node);
      setView(viewOf({ x: box.x + box.w / 2, y: box.y, w: 0, h: box.h }, legible));
      return;
    }
    const top = current().roots.map(nodeBox).find((box) => box) || { x: whole.x, y: whole.y, w: 1, h: 1 };
    const view = viewOf({ x: top.x + top.w / 2, y: top.y, w: 0, h: 0 }, legible);
    setView({ ...view, y: top.y - 20 / legible });
  }

  function centerOn(id) {
    const box = nodeBox(id);
    if (!box) return;
    const cx = box.x + box.w / 2;
    const cy = box.y + box.h / 2;
    let { w, h } = state.view;
    // Zoom in until the entity is readable, never out of the reader's chosen zoom.
    const readable = viewport.getBoundingClientRect().width / scaleFor(READABLE_PX);
    const wanted = Math.min(Math.max(box.w * 6, state.tree ? 0 : state.base.w / 12), readable);
    if (w > wanted) {
      h = (h * wanted) / w;
      w = wanted;
    }
    setView({ x: cx - w / 2, y: cy - h / 2, w, h });
  }

  let drag = null;
  viewport.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || !state.svg) return;
    drag = { x: event.clientX, y: event.clientY, moved: false, id: event.pointerId };
  });
  viewport.addEventListener("pointermove", (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) viewport.setPointerCapture(event.pointerId);
    drag.moved = true;
    viewport.classList.add("dragging");
    panBy(dx, dy);
    drag.x = event.clientX;
    drag.y = event.clientY;
  });
  const endDrag = (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    if (drag.moved) {
      viewport.classList.remove("dragging");
      // The click that follows a drag must not select anything.
      const swallow = (e) => e.stopPropagation();
      window.addEventListener("click", swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
    }
    drag = null;
  };
  viewport.addEventListener("pointerup", endDrag);
  viewport.addEventListener("pointercancel", endDrag);
  viewport.addEventListener(
    "wheel",
    (event) => {
      if (!state.svg) return;
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      if (!event.ctrlKey && Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        panBy(-event.deltaX * unit, -event.deltaY * unit);
        return;
      }
      const factor = Math.exp((-event.deltaY * unit) / (event.ctrlKey ? 100 : 400));
      zoomAt(factor, event.clientX, event.clientY);
    },
    { passive: false },
  );

  // ---- selection and the side panel --------------------------------------------------------

  function select(id, options = {}) {
    const data = current();
    if (!data.byId.has(id)) return false;
    state.node = id;
    revealNode(id);
    if (options.center) centerOn(id);
    for (const old of state.svg.querySelectorAll("g.selected, g.highlight")) old.classList.remove("selected", "highlight");
    const box = state.svg.querySelector('g[data-entity="' + CSS.escape(id) + '"]');
    if (box) box.classList.add("selected");
    const group = nodeGroup(id);
    if (group) {
      group.classList.add("selected");
      for (const other of state.svg.querySelectorAll("g[data-node][tabindex='0']")) other.setAttribute("tabindex", "-1");
      group.setAttribute("tabindex", "0");
      if (options.highlight) {
        group.classList.remove("highlight");
        void group.getBBox();
        group.classList.add("highlight");
      }
    }
    if (embedded) document.body.classList.add("panel-open");
    renderPanel();
    if (options.focus && group) group.focus({ preventScroll: true });
    announce("Selected " + displayName(data.byId.get(id)));
    writeHash();
    return true;
  }

  function clearSelection() {
    state.node = null;
    document.body.classList.remove("panel-open");
    if (state.svg) for (const old of state.svg.querySelectorAll("g.selected")) old.classList.remove("selected");
    renderPanel();
  }

  function nodeButton(id) {
    const data = current();
    const node = data.byId.get(id);
    const button = el("button", { type: "button", className: "link", text: node ? displayName(node) : id });
    button.dataset.goto = id;
    button.addEventListener("click", () => select(id, { center: true, highlight: true }));
    return button;
  }

  function citationList(citations) {
    const list = el("ul", { className: "citations" });
    for (const citation of citations) {
      const source = index.sources[citation.source];
      const quote = el("blockquote", { text: citation.quote });
      const caption = el("p", { className: "cite" });
      if (source) {
        const title = el("cite", { text: source.title });
        caption.append(title, " — " + source.publisher + ", " + source.date + " (" + source.id + ")");
        if (source.url && /^https?:\/\//.test(source.url)) {
          caption.append(" ", el("a", { href: source.url, rel: "noopener noreferrer", text: "original" }));
        }
      } else {
        caption.textContent = citation.source;
      }
      if (citation.era) caption.prepend(citation.era === "lineage" ? "lineage link: " : "era " + citation.era + ": ");
      list.append(el("li", {}, quote, caption));
    }
    return list;
  }

  function section(title, ...content) {
    return el("section", { className: "panel-section" }, el("h3", { text: title }), ...content);
  }

  function renderPanel() {
    const active = document.activeElement;
    const hadFocus = panelBody.contains(active);
    const focusedId = hadFocus ? active.id : "";
    drawPanel();
    if (hadFocus) {
      const target = (focusedId && document.getElementById(focusedId)) || $("node-name") || panelBody;
      if (target === panelBody) panelBody.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
  }

  function drawPanel() {
    const data = current();
    const node = state.node ? data.byId.get(state.node) : null;
    if (!node) {
      panelBody.replaceChildren(
        el("p", {
          className: "panel-empty",
          text: "Click an entity in the chart, or find one by name, to see where it sits, what it oversees and the quotes that show it.",
        }),
      );
      return;
    }
    const parts = [];
    parts.push(el("h2", { id: "node-name", className: "node-name", text: node.name, tabindex: "-1" }));
    const facts = el("dl", { className: "facts" });
    const addFact = (term, value) => {
      if (value) facts.append(el("dt", { text: term }), el("dd", { text: value }));
    };
    addFact("Acronym", node.acronym);
    addFact("Kind", node.kind);
    addFact("Also called", node.aliases.join("; "));
    addFact("Id", node.id);
    parts.push(facts);

    const path = el("ol", { className: "path", "aria-label": "Path to the root" });
    for (const step of pathToRoot(data, node.id)) {
      const item = el("li", {}, step === node.id ? el("span", { text: displayName(node), "aria-current": "true" }) : nodeButton(step));
      const via = (data.placed_by || {})[step];
      if (via) item.append(el("span", { className: "via", text: " (through " + via + ")" }));
      path.append(item);
    }
    parts.push(section("Path to the root", path));

    for (const [direction, title] of [
      ["in", "What oversees it"],
      ["out", "What it oversees"],
    ]) {
      const edges = data.edges.filter((e) => (direction === "in" ? e.subordinate : e.superior) === node.id);
      if (!edges.length) {
        parts.push(section(title, el("p", { className: "none", text: "Nothing stated in this era." })));
        continue;
      }
      const list = el("ul", { className: "relations" });
      for (const edge of edges) {
        const other = direction === "in" ? edge.superior : edge.subordinate;
        const words = RELATIONS[edge.kind] || [edge.kind, edge.kind];
        let verb = direction === "in" ? words[0] : words[1];
        if (edge.second_parent) verb += " (second parent)";
        const item = el("li", {}, el("span", { className: "verb", text: verb + ": " }), nodeButton(other));
        if (edge.citations.length) {
          const details = el("details", {}, el("summary", { text: "quote" }), citationList(edge.citations));
          item.append(details);
        }
        list.append(item);
      }
      parts.push(section(title, list));
    }

    const claims = data.claims.filter((c) => c.subject === node.id);
    if (claims.length) {
      const list = el("ul", { className: "claims" });
      for (const claim of claims) {
        const qualifier = claim.qualifier && claim.qualifier !== "exactly" ? claim.qualifier + " " : "";
        const unit = claim.unit ? " " + claim.unit : "";
        const asOf = claim.as_of ? " (as of " + claim.as_of + ")" : "";
        const item = el("li", { text: qualifier + claim.value + unit + " " + claim.attribute + asOf });
        item.append(citationList(claim.citations));
        list.append(item);
      }
      parts.push(section("Stated figures", list));
    }

    const findings = data.findings.filter((f) => f.subject === node.id);
    if (findings.length) {
      const list = el("ul", { className: "findings" });
      for (const finding of findings) {
        const item = el("li", { text: finding.kind.replace(/_/g, " ") + ": " + finding.message });
        if (finding.citations.length) item.append(citationList(finding.citations));
        list.append(item);
      }
      parts.push(section("Findings", list));
    }

    const notes = data.changes && data.changes.notes[node.id];
    if (state.changes && notes) {
      const list = el("ul", { className: "changes" });
      for (const note of notes) {
        const item = el("li", { className: "change-" + note.kind, text: note.text });
        if (note.citations.length) {
          item.append(el("details", {}, el("summary", { text: "quotes from both eras" }), citationList(note.citations)));
        }
        list.append(item);
      }
      parts.push(section("Since " + data.changes.previous_label, list));
    }

    parts.push(section("Citations", node.citations.length ? citationList(node.citations) : el("p", { className: "none", text: "No citation." })));

    if (data.children.has(node.id)) {
      const isCollapsed = collapsed().has(node.id);
      const count = countBelow(data, node.id);
      const button = el("button", {
        type: "button",
        id: "collapse-button",
        "aria-pressed": String(isCollapsed),
        text: (isCollapsed ? "Expand subtree" : "Collapse subtree") + " (" + count + " below)",
      });
      button.addEventListener("click", () => setCollapsed(node.id, !collapsed().has(node.id)));
      parts.splice(2, 0, button);
    }
    panelBody.replaceChildren(...parts);
  }

  // ---- keyboard on the chart ---------------------------------------------------------------

  function visibleOrder() {
    if (state.tree) return state.tree.visibleOrder(); // large era: the entities laid out now
    const data = current();
    const hidden = hiddenNodes();
    const order = [];
    const walk = (id, seen) => {
      if (seen.has(id)) return;
      seen.add(id);
      if (!hidden.has(id) && nodeGroup(id)) order.push(id);
      for (const child of data.children.get(id) || []) walk(child, seen);
    };
    const seen = new Set();
    for (const root of data.roots) walk(root, seen);
    return order;
  }

  function focusNode(id) {
    if (state.tree && !nodeGroup(id)) centerOn(id); // large era: draw it first
    const group = nodeGroup(id);
    if (!group) return;
    for (const other of state.svg.querySelectorAll("g[data-node][tabindex='0']")) other.setAttribute("tabindex", "-1");
    group.setAttribute("tabindex", "0");
    group.focus({ preventScroll: true });
    const r = group.getBoundingClientRect();
    const v = viewport.getBoundingClientRect();
    if (r.left < v.left || r.right > v.right || r.top < v.top || r.bottom > v.bottom) centerOn(id);
  }

  function onNodeKey(event, id) {
    const data = current();
    const order = visibleOrder();
    const at = order.indexOf(id);
    const hasChildren = data.children.has(id);
    switch (event.key) {
      case "Enter":
      case " ":
        select(id, {});
        break;
      case "ArrowDown":
        if (at < order.length - 1) focusNode(order[at + 1]);
        break;
      case "ArrowUp":
        if (at > 0) focusNode(order[at - 1]);
        break;
      case "ArrowRight":
        if (hasChildren && collapsed().has(id)) setCollapsed(id, false);
        else if (hasChildren) focusNode(data.children.get(id)[0]);
        break;
      case "ArrowLeft":
        if (hasChildren && !collapsed().has(id)) setCollapsed(id, true);
        else if (data.byId.get(id).tree_parent) focusNode(data.byId.get(id).tree_parent);
        break;
      case "Home":
        focusNode(order[0]);
        break;
      case "End":
        focusNode(order[order.length - 1]);
        break;
      default:
        return false;
    }
    return true;
  }

  viewport.addEventListener("keydown", (event) => {
    if (!state.svg || event.altKey || event.ctrlKey || event.metaKey) return;
    const group = event.target.closest ? event.target.closest("g[data-node]") : null;
    if (group && onNodeKey(event, group.dataset.node)) {
      event.preventDefault();
      return;
    }
    const step = 60;
    const keys = {
      ArrowLeft: () => panBy(step, 0),
      ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step),
      ArrowDown: () => panBy(0, -step),
      "+": () => zoomAt(1.25),
      "=": () => zoomAt(1.25),
      "-": () => zoomAt(0.8),
      "0": () => fit(),
    };
    if (keys[event.key] && (!group || !event.key.startsWith("Arrow"))) {
      keys[event.key]();
      event.preventDefault();
    }
  });

  viewport.addEventListener("click", (event) => {
    if (!state.svg) return;
    const toggle = event.target.closest(".subtree-toggle");
    const group = event.target.closest("g[data-node]");
    if (!group) return;
    const id = group.dataset.node;
    if (toggle) setCollapsed(id, !collapsed().has(id));
    else select(id, {});
  });

  // ---- search --------------------------------------------------------------------------------

  function normal(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Each entity's searchable texts, normalised once per era (a large era has 100,000), and
  // all of them joined, so that one test per entity skips those that cannot match.
  function searchFields(data) {
    if (!data.searchFields) {
      const fields = data.nodes.map((node) =>
        [
          [node.acronym, 0, "acronym"],
          [node.name, 1, ""],
          ...node.aliases.map((a) => [a, 2, "alias"]),
          [node.id, 3, "id"],
        ]
          .filter(([text]) => text)
          .map(([text, weight, label]) => [normal(text), weight, label, text]),
      );
      data.searchFields = { fields, joined: fields.map((texts) => texts.map((f) => f[0]).join("\u0000")) };
    }
    return data.searchFields;
  }

  function matches(query) {
    const q = normal(query.trim());
    if (!q) return [];
    const scored = [];
    const data = current();
    const { fields: fieldsOf, joined } = searchFields(data);
    const wordy = /^[a-z0-9]+$/.test(q); // a word can only start with letters and digits
    const wordStart = new RegExp("(^|[^a-z0-9])" + q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    for (let position = 0; position < data.nodes.length; position++) {
      if (!joined[position].includes(q)) continue;
      const node = data.nodes[position];
      let best = Infinity;
      let via = "";
      for (const [t, weight, label, text] of fieldsOf[position]) {
        if (!t.includes(q)) continue; // every score below needs it: one quick test per text
        let score = 30;
        if (t === q) score = 0;
        else if (t.startsWith(q)) score = 10;
        else if (wordy && wordStart.test(t)) score = 20;
        if (score + weight < best) {
          best = score + weight;
          via = label && label !== "id" ? label + " " + text : "";
        }
      }
      if (best < Infinity) scored.push({ node, best, via });
    }
    scored.sort((a, b) => a.best - b.best || a.node.name.localeCompare(b.node.name));
    return scored.slice(0, 12);
  }

  let active = -1;
  let shown = [];

  function closeSuggestions() {
    suggestions.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function updateSuggestions() {
    shown = matches(search.value);
    active = -1;
    search.removeAttribute("aria-activedescendant");
    if (!search.value.trim()) {
      suggestions.replaceChildren();
      closeSuggestions();
      return;
    }
    const items = shown.map((hit, i) => {
      const item = el("li", { role: "option", id: "suggestion-" + i, "aria-selected": "false" });
      item.dataset.node = hit.node.id;
      item.append(el("span", { className: "s-name", text: displayName(hit.node) }));
      item.append(el("span", { className: "s-kind", text: hit.node.kind + (hit.via ? " · " + hit.via : "") }));
      item.addEventListener("mousedown", (event) => event.preventDefault());
      item.addEventListener("click", () => choose(i));
      return item;
    });
    if (!items.length) items.push(el("li", { className: "s-none", role: "option", "aria-disabled": "true", text: "No entity in this era matches." }));
    suggestions.replaceChildren(...items);
    suggestions.hidden = false;
    search.setAttribute("aria-expanded", "true");
    announce(shown.length + " match" + (shown.length === 1 ? "" : "es"));
  }

  function setActive(i) {
    const items = suggestions.querySelectorAll("li[role=option]");
    if (!shown.length) return;
    active = (i + shown.length) % shown.length;
    items.forEach((item, n) => item.setAttribute("aria-selected", String(n === active)));
    search.setAttribute("aria-activedescendant", "suggestion-" + active);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function choose(i) {
    const hit = shown[i];
    if (!hit) return;
    closeSuggestions();
    search.value = hit.node.name;
    select(hit.node.id, { center: true, highlight: true });
  }

  search.addEventListener("input", updateSuggestions);
  search.addEventListener("focus", () => {
    if (search.value.trim()) updateSuggestions();
  });
  search.addEventListener("blur", closeSuggestions);
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      if (suggestions.hidden) updateSuggestions();
      setActive(active + 1);
    } else if (event.key === "ArrowUp") setActive(active - 1);
    else if (event.key === "Enter") choose(active >= 0 ? active : 0);
    else if (event.key === "Escape") closeSuggestions();
    else return;
    event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      search.focus();
      search.select();
    }
  });

  // ---- controls and the URL hash -----------------------------------------------------------

  function hashFor() {
    const params = new URLSearchParams();
    params.set("era", state.era);
    if (state.node) params.set("node", state.node);
    if (state.changes) params.set("changes", "1");
    if (state.side) params.set("view", "side-by-side");
    return "#" + params.toString();
  }

  function writeHash(replace) {
    if (applyingHash) return;
    const hash = hashFor();
    if (location.hash === hash) return;
    writtenHash = hash;
    if (replace || framed) history.replaceState(null, "", hash);
    else location.hash = hash;
  }

  async function applyHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const wanted = params.get("era");
    await loadEra(wanted); // a large era's data is inflated first
    if (!state.era) await loadEra(index.latest);
    applyingHash = true;
    const eraId = wanted && era(wanted) ? wanted : state.era || index.latest;
    state.changes = params.get("changes") === "1";
    const side = params.get("view") === "side-by-side";
    const wasSide = viewport.dataset.view === "side-by-side";
    state.side = side;
    if (eraId !== state.era || wasSide !== (state.changes && side && !!sideChart(eraId))) {
      showEra(eraId);
      fit();
    } else {
      applyChanges();
    }
    const node = params.get("node");
    if (node && current().byId.has(node)) {
      if (node !== state.node || !nodeGroup(node) || !nodeGroup(node).classList.contains("selected")) {
        select(node, { center: true, highlight: true });
      }
    } else {
      clearSelection();
    }
    applyingHash = false;
    writeHash(true);
  }

  // Where an entity both eras hold is on screen: the selected one, else the one nearest the
  // middle of the view. Switching era puts it back there at the same zoom, so what did not
  // change does not move (the charts share one order of siblings).
  function anchorFor(id) {
    if (!state.svg || viewport.dataset.view !== "chart") return null;
    const target = era(id);
    const rect = viewport.getBoundingClientRect();
    const middle = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    let best = null;
    for (const group of state.svg.querySelectorAll("g[data-node]")) {
      const node = group.dataset.node;
      if (!target.byId.has(node) || group.classList.contains("is-hidden")) continue;
      const r = group.getBoundingClientRect();
      const at = { id: node, x: r.left + r.width / 2, y: r.top + r.height / 2 };
      const distance = node === state.node ? -1 : Math.hypot(at.x - middle.x, at.y - middle.y);
      if (!best || distance < best.distance) best = { ...at, distance };
    }
    return best;
  }

  function keepInPlace(anchor, view) {
    const group = anchor && viewport.dataset.view === "chart" ? nodeGroup(anchor.id) : null;
    if (!group) return false;
    setView({ x: state.base.x, y: state.base.y, w: view.w, h: view.h });
    const r = group.getBoundingClientRect();
    panBy(anchor.x - (r.left + r.width / 2), anchor.y - (r.top + r.height / 2));
    return true;
  }

  async function switchEra(id) {
    await loadEra(id);
    const keep = state.node;
    const anchor = anchorFor(id);
    const view = state.view;
    showEra(id);
    if (!keepInPlace(anchor, view)) fit();
    if (keep && current().byId.has(keep)) {
      select(keep, { center: !anchor });
      announce("Showing " + current().label + "; " + displayName(current().byId.get(keep)) + " is in this era too");
    } else {
      clearSelection();
      announce("Showing " + current().label + (keep ? "; the selected entity is not in this era" : ""));
    }
    writeHash();
  }

  eraSelect.addEventListener("change", () => switchEra(eraSelect.value));
  changesToggle.addEventListener("change", () => {
    state.changes = changesToggle.checked;
    if (state.side && sideChart(state.era)) {
      showEra(state.era);
      fit();
    } else {
      applyChanges();
    }
    renderPanel();
    writeHash();
  });
  sideToggle.addEventListener("change", () => {
    state.side = sideToggle.checked;
    showEra(state.era);
    fit();
    if (state.node) select(state.node);
    renderPanel();
    announce(state.side ? "Showing the previous era and this one side by side" : "Showing this era's chart");
    writeHash();
  });
  viewport.addEventListener("click", (event) => {
    const box = event.target.closest ? event.target.closest("g[data-entity]") : null;
    if (box) select(box.dataset.entity);
  });
  $("change-next").addEventListener("click", () => stepChange(true));
  $("change-prev").addEventListener("click", () => stepChange(false));
  $("zoom-in").addEventListener("click", () => zoomAt(1.25));
  $("zoom-out").addEventListener("click", () => zoomAt(0.8));
  $("zoom-fit").addEventListener("click", fit);
  $("expand-all").addEventListener("click", () => {
    collapsed().clear();
    applyCollapsed();
    renderPanel();
    announce("Every subtree expanded");
  });
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    viewport.focus();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash && !/(^#|&)(era|node|changes)=/.test(location.hash)) {
      // An in-page anchor, not a state: keep the state and put its hash back.
      writtenHash = "";
      history.replaceState(null, "", hashFor());
      return;
    }
    // The change our own writeHash() made is already applied; anything else (a link, Back) is not.
    if (location.hash === writtenHash) {
      writtenHash = "";
      return;
    }
    applyHash();
  });

  if (embedded) {
    document.body.classList.add("embed");
    const controlsButton = $("embed-controls");
    controlsButton.hidden = false;
    controlsButton.addEventListener("click", () => {
      const open = document.body.classList.toggle("controls-open");
      controlsButton.setAttribute("aria-expanded", String(open));
      controlsButton.textContent = open ? "Hide controls" : "Controls";
      fit();
    });
    const closeButton = $("panel-close");
    closeButton.hidden = false;
    closeButton.addEventListener("click", () => {
      document.body.classList.remove("panel-open");
      viewport.focus();
    });
  }

  applyHash().then(
    () => {
      document.body.dataset.ready = "true";
    },
    (error) => {
      viewport.textContent = "The page could not read its data: " + error.message;
      throw error;
    },
  );
})();
