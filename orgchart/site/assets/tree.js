// Large eras (more entities than one Graphviz picture can show legibly): the era's data comes
// deflated in columns (orgchart/site/compact.py) and the chart is laid out here, as a tree of
// boxes with leaf children stacked in grids, and drawn only where the view is and at a level of
// detail the zoom can show. Branches open collapsed past a budget of boxes and show how many
// entities they hold. The page's script (site.js) drives it through `OrgTree.create`.
const OrgTree = (() => {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const BOX = { w: 168, h: 50 };
  const GAP = { x: 16, y: 44, cell: 10, pad: 10, head: 20, roots: 80 };
  const FONT = 12;
  const BUDGET = 150; // boxes an era opens with
  const AGGREGATE_PX = 36; // a subtree narrower than this on screen is drawn as one block
  const CELL_PX = 8; // a stack whose boxes are narrower than this shows only its count
  const TEXT_SCALE = 0.25; // below this zoom, boxes carry no text (it would be under 3 px)
  const NAME_CHARS = 24;

  // ---- data ---------------------------------------------------------------------------------

  function isPacked(block) {
    return block.dataset.encoding === "deflate-base64";
  }

  async function decode(block) {
    const binary = atob(block.textContent.trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    const columns = JSON.parse(await new Response(stream).text());
    if (columns.format !== "orgchart-compact-1") throw new Error("unknown era data format: " + columns.format);
    return expand(columns);
  }

  // The columns back into the objects site.js reads for every era (see era_payload in data.py).
  // Citations (and an edge's SVG id) are made when first read: at 100,000 entities making
  // 200,000 of them up front took longer than inflating and parsing the whole era.
  const NONE = Object.freeze([]);

  function expand(c) {
    const ids = c.node_id;
    const cite = (flat) => {
      const out = [];
      for (let i = 0; i < flat.length; i += 2) out.push({ source: c.cite_sources[flat[i]], quote: c.texts[flat[i + 1]] });
      return out;
    };
    const acronyms = new Map(c.node_acronym);
    const aliases = new Map(c.node_aliases);
    class PackedNode {
      constructor(i) {
        this.id = ids[i];
        this.name = c.node_name[i];
        this.kind = c.kinds[c.node_kind[i]];
        this.acronym = acronyms.get(i) || null;
        this.aliases = aliases.get(i) || NONE;
        this.tree_parent = c.node_parent[i] >= 0 ? ids[c.node_parent[i]] : null;
        this.position = i;
      }
      get citations() {
        const value = cite(c.node_cite[this.position]);
        Object.defineProperty(this, "citations", { value });
        return value;
      }
    }
    const second = new Set(c.edge_second);
    class PackedEdge {
      constructor(i) {
        this.kind = c.edge_kinds[c.edge_kind[i]];
        this.superior = ids[c.edge_sup[i]];
        this.subordinate = ids[c.edge_sub[i]];
        this.second_parent = second.has(i);
        this.position = i;
      }
      get svg_id() {
        return "edge-" + this.superior + "-" + this.kind.toUpperCase() + "-" + this.subordinate;
      }
      get citations() {
        const value = cite(c.edge_cite[this.position]);
        Object.defineProperty(this, "citations", { value });
        return value;
      }
    }
    const nodes = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) nodes[i] = new PackedNode(i);
    const edges = new Array(c.edge_kind.length);
    for (let i = 0; i < edges.length; i++) edges[i] = new PackedEdge(i);
    return { ...c.rest, nodes, edges, packed: true };
  }

  // The plain objects of a packed era (what tests compare with the payload).
  function plain(data) {
    const node = (n) => ({ id: n.id, name: n.name, kind: n.kind, acronym: n.acronym, aliases: [...n.aliases],
      citations: n.citations, tree_parent: n.tree_parent });
    const edge = (e) => ({ kind: e.kind, superior: e.superior, subordinate: e.subordinate,
      second_parent: e.second_parent, svg_id: e.svg_id, citations: e.citations });
    const out = { ...data, nodes: data.nodes.map(node), edges: data.edges.map(edge) };
    delete out.packed;
    return out;
  }

  // How many entities lie below each node in the era's tree (not counting itself).
  function subtreeSizes(data) {
    const order = [];
    const stack = [...data.roots];
    while (stack.length) {
      const id = stack.pop();
      order.push(id);
      for (const child of data.children.get(id) || []) stack.push(child);
    }
    const sizes = new Map();
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i];
      let below = 0;
      for (const child of data.children.get(id) || []) below += 1 + sizes.get(child);
      sizes.set(id, below);
    }
    return sizes;
  }

  // How many entities below each node carry a change mark (added, renamed, moved): what a
  // collapsed branch shows when the change overlay is on, so changes are never out of sight.
  function changedBelow(data) {
    const counts = new Map();
    const marks = data.changes ? data.changes.marks : {};
    for (const id of Object.keys(marks)) {
      let step = data.byId.has(id) ? data.byId.get(id).tree_parent : null;
      while (step && data.byId.has(step)) {
        counts.set(step, (counts.get(step) || 0) + 1);
        step = data.byId.get(step).tree_parent;
      }
    }
    return counts;
  }

  function changesText(count) {
    return count.toLocaleString("en-US") + (count === 1 ? " change below" : " changes below");
  }

  // Expand level by level while the boxes shown stay within the budget.
  function opening(data) {
    const expanded = new Set();
    let level = data.roots.filter((id) => data.children.has(id));
    let shown = data.roots.length;
    while (level.length) {
      const added = level.reduce((sum, id) => sum + data.children.get(id).length, 0);
      if (expanded.size && shown + added > BUDGET) break;
      for (const id of level) expanded.add(id);
      shown += added;
      level = level.flatMap((id) => data.children.get(id)).filter((id) => data.children.has(id));
    }
    return expanded;
  }

  function plural(kind, count) {
    if (count === 1) return kind;
    if (kind.endsWith("y") && !kind.endsWith("ey")) return kind.slice(0, -1) + "ies";
    return kind + (/(s|x)$/.test(kind) ? "es" : "s");
  }

  function nameLines(name) {
    const words = name.split(/\s+/);
    const lines = [""];
    for (const word of words) {
      const line = lines[lines.length - 1];
      if (line && (line + " " + word).length > NAME_CHARS) lines.push(word);
      else lines[lines.length - 1] = line ? line + " " + word : word;
    }
    if (lines.length > 2) {
      lines.length = 2;
      lines[1] = lines[1].slice(0, NAME_CHARS - 1) + "…";
    }
    return lines.map((line) => (line.length > NAME_CHARS + 2 ? line.slice(0, NAME_CHARS) + "…" : line));
  }

  function svgEl(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  // ---- layout -------------------------------------------------------------------------------

  // Boxes top-down: a node over its children; children that show nothing below them sit in a
  // grid (a stack, as in the Graphviz charts) after the ones that do. Each subtree owns its own
  // band of x, so nothing overlaps and a subtree outside the view is skipped whole.
  function layOut(data, expanded) {
    const kids = (id) => (expanded.has(id) ? data.children.get(id) || [] : []);
    const order = [];
    const stack = [...data.roots].reverse();
    while (stack.length) {
      const id = stack.pop();
      order.push(id);
      const below = kids(id);
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]);
    }
    const width = new Map();
    const height = new Map();
    const parts = new Map();
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i];
      const below = kids(id);
      if (!below.length) {
        width.set(id, BOX.w);
        height.set(id, BOX.h);
        continue;
      }
      const leaves = below.filter((child) => !kids(child).length);
      const columns = leaves.length >= 2 ? below.filter((child) => kids(child).length) : below;
      let grid = null;
      if (leaves.length >= 2) {
        const cols = Math.max(1, Math.ceil(Math.sqrt(leaves.length / 3)));
        const rows = Math.ceil(leaves.length / cols);
        grid = {
          ids: leaves,
          cols,
          rows,
          w: cols * BOX.w + (cols - 1) * GAP.x + 2 * GAP.pad,
          h: GAP.head + GAP.pad * 2 + rows * BOX.h + (rows - 1) * GAP.cell,
        };
      }
      let span = columns.reduce((sum, child) => sum + width.get(child), 0) + Math.max(0, columns.length - 1) * GAP.x;
      let deepest = columns.reduce((most, child) => Math.max(most, height.get(child)), 0);
      if (grid) {
        span += (columns.length ? GAP.x : 0) + grid.w;
        deepest = Math.max(deepest, grid.h);
      }
      width.set(id, Math.max(BOX.w, span));
      height.set(id, BOX.h + GAP.y + deepest);
      parts.set(id, { columns, grid, span });
    }
    const left = new Map();
    const top = new Map();
    let cursor = 0;
    for (const root of data.roots) {
      left.set(root, cursor);
      top.set(root, 0);
      cursor += width.get(root) + GAP.roots;
    }
    const box = new Map();
    for (const id of order) {
      const x = left.get(id);
      const y = top.get(id);
      const w = width.get(id);
      box.set(id, { x: x + (w - BOX.w) / 2, y });
      const part = parts.get(id);
      if (!part) continue;
      let cx = x + (w - part.span) / 2;
      const cy = y + BOX.h + GAP.y;
      for (const child of part.columns) {
        left.set(child, cx);
        top.set(child, cy);
        cx += width.get(child) + GAP.x;
      }
      if (part.grid) {
        const grid = part.grid;
        grid.x = cx;
        grid.y = cy;
        grid.ids.forEach((child, n) => {
          const bx = grid.x + GAP.pad + (n % grid.cols) * (BOX.w + GAP.x);
          const by = grid.y + GAP.head + GAP.pad + Math.floor(n / grid.cols) * (BOX.h + GAP.cell);
          left.set(child, bx);
          top.set(child, by);
        });
      }
    }
    for (const [id, value] of left) {
      if (!box.has(id)) box.set(id, { x: value, y: top.get(id) });
    }
    const extent = {
      x: -GAP.roots / 2,
      y: -GAP.y / 2,
      w: Math.max(BOX.w, cursor - GAP.roots) + GAP.roots,
      h: Math.max(...data.roots.map((root) => height.get(root)), BOX.h) + GAP.y,
    };
    return { order, width, height, left, top, parts, box, extent, kids };
  }

  // ---- the view -----------------------------------------------------------------------------

  // ctx: { data, styles, marks, selected(), changesOn(), view(), setView(v), scale() }
  function create(ctx) {
    const data = ctx.data;
    if (!data.sizes) data.sizes = subtreeSizes(data);
    if (!data.linkKinds) {
      data.linkKinds = new Map();
      for (const edge of data.edges) {
        const node = data.byId.get(edge.subordinate);
        if (node && node.tree_parent === edge.superior && !data.linkKinds.has(edge.subordinate)) {
          data.linkKinds.set(edge.subordinate, edge.kind);
        }
      }
    }
    // What is open: the page keeps it per era (ctx.expanded), so switching era and back
    // returns to the same branches; a first visit opens the top levels.
    const expanded = ctx.expanded || opening(data);
    let layout = layOut(data, expanded);
    let tabStop = data.roots[0] || null;
    let lastToggled = null;
    const drawn = new Map();

    const svg = svgEl("svg", { class: "chart-svg tree-view", role: "group", preserveAspectRatio: "xMidYMid meet" });
    svg.setAttribute("aria-label", data.label + ": " + data.nodes.length.toLocaleString("en-US") + " entities");
    const links = svgEl("g", { class: "tree-links", "aria-hidden": "true" });
    const stacks = svgEl("g", { class: "tree-stacks", "aria-hidden": "true" });
    const boxes = svgEl("g", { class: "tree-nodes" });
    svg.append(links, stacks, boxes);
    svg.addEventListener("focusin", (event) => {
      const group = event.target.closest && event.target.closest("g[data-node]");
      if (group) tabStop = group.dataset.node;
    });

    // collapsed(): the page's set of collapsed nodes, over this view's set of expanded ones.
    const collapsed = {
      has: (id) => data.children.has(id) && !expanded.has(id),
      add: (id) => {
        lastToggled = id;
        expanded.delete(id);
      },
      delete: (id) => {
        lastToggled = id;
        const was = data.children.has(id) && !expanded.has(id);
        if (data.children.has(id)) expanded.add(id);
        return was;
      },
      clear: () => {
        lastToggled = null;
        for (const id of data.children.keys()) expanded.add(id);
      },
      *[Symbol.iterator]() {
        for (const id of data.children.keys()) if (!expanded.has(id)) yield id;
      },
    };

    function visibleRect() {
      const view = ctx.view();
      const s = ctx.scale();
      const w = svg.clientWidth / s;
      const h = svg.clientHeight / s;
      const cx = view.x + view.w / 2;
      const cy = view.y + view.h / 2;
      return { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2, s };
    }

    function label(node) {
      return node.name + (node.acronym ? " (" + node.acronym + ")" : "") + ", " + node.kind;
    }

    function drawNode(id, s) {
      const node = data.byId.get(id);
      const at = layout.box.get(id);
      let group = drawn.get(id);
      if (!group) {
        const style = ctx.styles[node.kind] || {};
        group = svgEl("g", { "data-node": id, class: "node kind-" + node.kind.replace(/ /g, "-"), role: "button" });
        const rect = svgEl("rect", { class: "box", width: BOX.w, height: BOX.h, rx: style.rounded ? 7 : 1 });
        rect.style.fill = style.fill || "#f4f4f4";
        rect.style.stroke = style.border || "#6b6b6b";
        if (style.dashed) rect.setAttribute("stroke-dasharray", "5 3");
        group.append(rect);
        group.dataset.detail = "none";
        drawn.set(id, group);
        boxes.append(group);
      }
      group.setAttribute("transform", "translate(" + at.x + " " + at.y + ")");
      const detail = s >= TEXT_SCALE ? "text" : "box";
      if (group.dataset.detail !== detail) {
        for (const old of group.querySelectorAll("text.name, text.kind")) old.remove();
        if (detail === "text") {
          const style = ctx.styles[node.kind] || {};
          const lines = nameLines(node.name);
          lines.forEach((line, n) => {
            const text = svgEl("text", { class: "name", x: 8, y: 17 + n * 14 });
            text.style.fill = style.text || "#1a1a1a";
            text.textContent = line;
            group.append(text);
          });
          const kind = svgEl("text", { class: "kind", x: 8, y: BOX.h - 6 });
          kind.style.fill = style.subtext || "#555555";
          kind.textContent = (node.acronym ? node.acronym + " · " : "") + node.kind;
          group.append(kind);
        }
        group.dataset.detail = detail;
      }
      decorate(group, id);
      return group;
    }

    // Classes and badges that follow the page's state: selection, collapse, change marks.
    function decorate(group, id) {
      const node = data.byId.get(id);
      const isCollapsed = collapsed.has(id);
      const below = data.sizes.get(id);
      const changed = isCollapsed && ctx.changesOn() ? changedCount(id) : 0;
      group.classList.toggle("selected", ctx.selected() === id);
      group.classList.toggle("collapsed", isCollapsed);
      group.setAttribute(
        "aria-label",
        (isCollapsed ? label(node) + ", collapsed, " + below + " hidden below" : label(node)) +
          (changed ? ", " + changesText(changed) : ""),
      );
      group.setAttribute("tabindex", id === tabStop ? "0" : "-1");
      let toggle = group.querySelector(".subtree-toggle");
      if (data.children.has(id) && !toggle) {
        toggle = svgEl("g", { class: "subtree-toggle", "aria-hidden": "true" });
        toggle.append(
          svgEl("circle", { cx: BOX.w - 2, cy: BOX.h - 2, r: 7.5 }),
          svgEl("text", { x: BOX.w - 2, y: BOX.h + 2, "text-anchor": "middle" }),
          svgEl("title"),
        );
        group.append(toggle);
      }
      if (toggle) {
        toggle.querySelector("text").textContent = isCollapsed ? "+" : "−";
        toggle.querySelector("title").textContent = isCollapsed ? "Expand (" + below + " hidden)" : "Collapse";
      }
      let count = group.querySelector(".count");
      if (isCollapsed) {
        if (!count) {
          count = svgEl("text", { class: "count", x: BOX.w - 14, y: BOX.h - 6, "text-anchor": "end" });
          group.append(count);
        }
        count.textContent = below.toLocaleString("en-US") + " below";
      } else if (count) count.remove();
      const marks = ctx.changesOn() ? data.changes.marks[id] || [] : [];
      group.classList.remove("change-added", "change-renamed", "change-moved");
      for (const mark of marks) group.classList.add("change-" + mark);
      let badge = group.querySelector(".change-badge");
      if (marks.length) {
        if (!badge) {
          badge = svgEl("text", { x: 2, y: -4 });
          group.append(badge);
        }
        badge.setAttribute("class", "change-badge badge-" + marks[0]);
        badge.textContent = marks.map((m) => ctx.marks[m] || m).join(", ");
      } else if (badge) badge.remove();
      let hidden = group.querySelector(".changes-below");
      if (changed) {
        if (!hidden) {
          hidden = svgEl("text", { class: "changes-below", x: BOX.w, y: -4, "text-anchor": "end" });
          group.append(hidden);
        }
        hidden.textContent = changesText(changed);
      } else if (hidden) hidden.remove();
    }

    // Changes marked below `id` (0 when the overlay is off).
    function changedCount(id) {
      if (!ctx.changesOn()) return 0;
      if (!data.changedBelow) data.changedBelow = changedBelow(data);
      return data.changedBelow.get(id) || 0;
    }

    function connector(id, part) {
      const at = layout.box.get(id);
      const x = at.x + BOX.w / 2;
      const bus = at.y + BOX.h + GAP.y / 2;
      const ends = part.columns.map((child) => [layout.box.get(child).x + BOX.w / 2, layout.top.get(child), child]);
      if (part.grid) ends.push([part.grid.x + part.grid.w / 2, part.grid.y, null]);
      const solid = [];
      const dashed = [];
      for (const [cx, cy, child] of ends) {
        const kind = child ? data.linkKinds.get(child) : null;
        (kind && kind !== "parent" ? dashed : solid).push("M" + cx + " " + bus + "V" + cy);
      }
      const xs = ends.map((end) => end[0]);
      solid.push("M" + x + " " + (at.y + BOX.h) + "V" + bus + "M" + Math.min(x, ...xs) + " " + bus + "H" + Math.max(x, ...xs));
      const paths = [svgEl("path", { d: solid.join("") })];
      if (dashed.length) paths.push(svgEl("path", { d: dashed.join(""), class: "oversight" }));
      return paths;
    }

    function render() {
      const view = visibleRect();
      const s = view.s;
      const wanted = new Set();
      const linkPaths = [];
      const blocks = [];
      const inView = (x, y, w, h) => x <= view.x1 && x + w >= view.x0 && y <= view.y1 && y + h >= view.y0;
      const todo = [...data.roots];
      while (todo.length) {
        const id = todo.pop();
        const x = layout.left.get(id);
        const y = layout.top.get(id);
        const w = layout.width.get(id);
        const h = layout.height.get(id);
        if (!inView(x, y, w, h)) continue;
        const part = layout.parts.get(id);
        if (part && w * s < AGGREGATE_PX) {
          const marked = changedCount(id) + (ctx.changesOn() && data.changes.marks[id] ? 1 : 0);
          blocks.push(aggregate(x, y, w, h, data.sizes.get(id) + 1, marked, s));
          continue;
        }
        wanted.add(id);
        if (!part) continue;
        linkPaths.push(...connector(id, part));
        for (const child of part.columns) todo.push(child);
        if (part.grid) blocks.push(...drawGrid(id, part.grid, view, wanted));
      }
      for (const [id, group] of drawn) {
        if (!wanted.has(id) && group !== document.activeElement) {
          group.remove();
          drawn.delete(id);
        }
      }
      if (tabStop && !wanted.has(tabStop) && !drawn.has(tabStop)) tabStop = wanted.values().next().value || tabStop;
      for (const id of wanted) drawNode(id, s);
      links.replaceChildren(...linkPaths);
      stacks.replaceChildren(...blocks);
    }

    // A subtree too narrow on screen for its boxes: one block with how many it holds (and,
    // with the change overlay on, how many of them changed).
    function aggregate(x, y, w, h, count, changed, s) {
      const group = svgEl("g", { class: changed ? "aggregate has-changes" : "aggregate" });
      group.append(svgEl("rect", { x, y, width: w, height: Math.max(h, BOX.h), rx: 4 }));
      if (w * s >= 20) {
        const text = svgEl("text", { x: x + w / 2, y: y + 14 / s, "text-anchor": "middle" });
        text.style.fontSize = 11 / s + "px";
        text.textContent = count.toLocaleString("en-US");
        group.append(text);
        if (changed) {
          const more = svgEl("text", { class: "changes-below", x: x + w / 2, y: y + 28 / s, "text-anchor": "middle" });
          more.style.fontSize = 10 / s + "px";
          more.textContent = changed.toLocaleString("en-US") + " changed";
          group.append(more);
        }
      }
      return group;
    }

    function drawGrid(parent, grid, view, wanted) {
      const s = view.s;
      const group = svgEl("g", { class: "stack" });
      group.append(svgEl("rect", { x: grid.x, y: grid.y, width: grid.w, height: grid.h, rx: 6 }));
      const kinds = new Set(grid.ids.map((id) => data.byId.get(id).kind));
      const what = kinds.size === 1 ? plural([...kinds][0], grid.ids.length) : grid.ids.length === 1 ? "entity" : "entities";
      const title = svgEl("text", { x: grid.x + GAP.pad, y: grid.y + 14 });
      title.textContent = grid.ids.length.toLocaleString("en-US") + " " + what;
      group.append(title);
      if (BOX.w * s < CELL_PX) {
        const marked = ctx.changesOn() ? grid.ids.filter((id) => data.changes.marks[id]).length : 0;
        if (marked) title.textContent += " · " + marked.toLocaleString("en-US") + " changed";
        // Too small for its boxes: the count alone, centred, at a size the screen can show.
        title.setAttribute("x", grid.x + grid.w / 2);
        title.setAttribute("y", grid.y + grid.h / 2);
        title.setAttribute("text-anchor", "middle");
        title.style.fontSize = 11 / s + "px";
        title.style.display = grid.w * s >= 24 ? "" : "none";
        return [group];
      }
      const x0 = grid.x + GAP.pad;
      const y0 = grid.y + GAP.head + GAP.pad;
      const c0 = Math.max(0, Math.floor((view.x0 - x0) / (BOX.w + GAP.x)));
      const c1 = Math.min(grid.cols - 1, Math.floor((view.x1 - x0) / (BOX.w + GAP.x)));
      const r0 = Math.max(0, Math.floor((view.y0 - y0) / (BOX.h + GAP.cell)));
      const r1 = Math.min(grid.rows - 1, Math.floor((view.y1 - y0) / (BOX.h + GAP.cell)));
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const id = grid.ids[r * grid.cols + c];
          if (id !== undefined) wanted.add(id);
        }
      }
      return [group];
    }

    // Lay out again after a collapse or an expansion; the node toggled stays where it was on
    // screen, so the reader does not lose their place.
    function update() {
      const anchor = lastToggled && layout.box.has(lastToggled) ? lastToggled : null;
      const before = anchor ? layout.box.get(anchor) : null;
      layout = layOut(data, expanded);
      lastToggled = null;
      if (before && layout.box.has(anchor)) {
        const after = layout.box.get(anchor);
        const view = ctx.view();
        ctx.setView({ x: view.x + after.x - before.x, y: view.y + after.y - before.y, w: view.w, h: view.h });
      } else render();
    }

    // The box of a shown node in chart units, else null.
    function boxOf(id) {
      const at = layout.box.get(id);
      return at ? { x: at.x, y: at.y, w: BOX.w, h: BOX.h } : null;
    }

    // A node's subtree as laid out now (itself when nothing below it shows).
    function branchOf(id) {
      if (!layout.left.has(id) || !layout.parts.has(id)) return boxOf(id);
      return { x: layout.left.get(id), y: layout.top.get(id), w: layout.width.get(id), h: layout.height.get(id) };
    }

    function visibleOrder() {
      return layout.order;
    }

    function destroy() {
      drawn.clear();
      svg.remove();
    }

    return {
      svg,
      collapsed,
      expanded,
      fontSize: FONT,
      extent: () => layout.extent,
      update,
      render,
      boxOf,
      branchOf,
      visibleOrder,
      destroy,
    };
  }

  return { isPacked, decode, plain, create, subtreeSizes, changedBelow };
})();
