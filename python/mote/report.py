"""mote report MODEL -o report.html [--core C]: one self-contained HTML page.

The graph as a table (operator, shapes, MACs, weight bytes; with --core the
instructions, MACs per instruction and kernel variant measured under QEMU by
`mote profile`), an SVG timeline of the arena (one box per activation tensor:
its offset and size over the steps that keep it alive, the peak marked) and
the totals. No scripts, fonts or images from the network: the page is a
single file. Standard library only; the data comes from `mote inspect --json`
and `mote inspect --plan` of the same build (MOTE_CLI).
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys

from . import profile as prof


class ReportError(Exception):
    pass


def cli(args):
    p = subprocess.run([prof.mote_cli()] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise ReportError(p.stderr.decode("utf-8", "replace").strip().replace("mote: ", "", 1))
    return p.stdout.decode("utf-8", "replace")


def parse_plan(text):
    """(arena, state, activations, tensors[], scratch[]) from `inspect --plan`."""
    m = re.search(r"memory plan: arena (\d+) = state (\d+) \+ activations (\d+)", text)
    if not m:
        raise ReportError("`mote inspect --plan` printed no memory plan")
    arena, state, act = (int(x) for x in m.groups())
    tensors, scratch = [], []
    for line in text[m.end():].splitlines():
        t = re.match(r"^\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\.\.(\d+)\s+(.*)$", line)
        if t:
            tensors.append({"offset": int(t.group(1)), "bytes": int(t.group(2)),
                            "tensor": int(t.group(3)), "first": int(t.group(4)),
                            "last": int(t.group(5)), "name": t.group(6)})
            continue
        s = re.match(r"^\s+(\d+)\s+(\d+)\s+-\s+(\d+)\s+scratch of (.*)$", line)
        if s:
            scratch.append({"offset": int(s.group(1)), "bytes": int(s.group(2)),
                            "op": int(s.group(3)), "what": s.group(4)})
    return arena, state, act, tensors, scratch


def esc(s):
    return html.escape(str(s), quote=True)


def shape(s):
    return "[" + ",".join(str(d) for d in s) + "]" if s is not None else "-"


def timeline_svg(n_ops, act_bytes, tensors, scratch):
    """Tensor boxes: x = steps alive, y = offset in the activations."""
    W, H, left, top, bottom = 900, 360, 70, 20, 40
    steps = max(1, n_ops)
    span = max(1, act_bytes)
    sx = (W - left - 20) / steps
    sy = (H - top - bottom) / span
    live = [0] * steps
    boxes = []
    for t in tensors:
        first, last = max(0, t["first"]), min(steps - 1, max(t["first"], t["last"]))
        for k in range(first, last + 1):
            live[k] += t["bytes"]
        boxes.append((first, last, t["offset"], t["bytes"],
                      "tensor %d: %d bytes at offset %d, steps %d..%d, %s" % (
                          t["tensor"], t["bytes"], t["offset"], t["first"], t["last"],
                          t["name"][:120]), "t"))
    for s in scratch:
        k = min(steps - 1, s["op"])
        live[k] += s["bytes"]
        boxes.append((k, k, s["offset"], s["bytes"], "scratch of step %d: %d bytes at offset"
                      " %d (%s)" % (s["op"], s["bytes"], s["offset"], s["what"]), "s"))
    peak_step = max(range(steps), key=lambda k: live[k])
    peak = live[peak_step]
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'role="img" aria-label="arena memory timeline">' % (W, H, W, H),
           '<rect x="0" y="0" width="%d" height="%d" fill="#fbfbfd"/>' % (W, H)]
    out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#fde2e2"/>' % (
        left + peak_step * sx, top, sx, H - top - bottom))
    palette = ["#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"]
    for i, (first, last, off, size, title, kind) in enumerate(boxes):
        color = "#e15759" if kind == "s" else palette[i % len(palette)]
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" '
                   'fill-opacity="0.8" stroke="#333" stroke-width="0.5"><title>%s</title></rect>'
                   % (left + first * sx + 1, top + off * sy, max(1.0, (last - first + 1) * sx - 2),
                      max(1.0, size * sy), color, esc(title)))
    # axes
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>' % (
        left, H - bottom, W - 20, H - bottom))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#000"/>' % (
        left, top, left, H - bottom))
    tick = max(1, steps // 20)
    for k in range(0, steps, tick):
        out.append('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%d</text>' % (
            left + (k + 0.5) * sx, H - bottom + 14, k))
    for frac in (0, 0.25, 0.5, 0.75, 1.0):
        out.append('<text x="%d" y="%.1f" font-size="10" text-anchor="end">%d</text>' % (
            left - 4, top + frac * (H - top - bottom) + 3, int(frac * span)))
    out.append('<text x="%d" y="%d" font-size="11" text-anchor="middle">step (operator)</text>'
               % ((W + left) // 2, H - 8))
    out.append('<text x="12" y="%d" font-size="11" transform="rotate(-90 12 %d)" '
               'text-anchor="middle">arena offset (bytes)</text>' % (H // 2, H // 2))
    out.append('<text x="%.1f" y="%d" font-size="11" fill="#c00" text-anchor="middle">'
               'peak %d bytes live at step %d</text>' % (
                   min(W - 90, max(left + 60, left + (peak_step + 0.5) * sx)), top - 6, peak,
                   peak_step))
    out.append("</svg>")
    return "\n".join(out), peak, peak_step


CSS = """
body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}
td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#eef}td.l,th.l{text-align:left}
.bar{background:#4e79a7;height:9px;display:inline-block}
.tot td{font-weight:bold}.note{color:#666;font-size:12px}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:14px}
dt{font-weight:bold}dd{margin:0}
"""


def build_html(model_path, info, plan, prof_result):
    arena, state, act, tensors, scratch = plan
    ops = info["operators"]
    tens = info["tensors"]
    weights = []
    for op in ops:
        w = 0
        for t in op["inputs"]:
            if t["index"] >= 0 and t["index"] < len(tens) and tens[t["index"]] and \
                    tens[t["index"]]["constant"]:
                w += tens[t["index"]]["bytes"]
        weights.append(w)
    max_macs = max([op["macs"] for op in ops] or [1]) or 1
    svg, peak, peak_step = timeline_svg(len(ops), act, tensors, scratch)
    layers = {l["index"]: l for l in (prof_result or {}).get("layers", [])}
    name = os.path.basename(model_path)
    h = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
         '<title>mote report: %s</title>' % esc(name), '<style>%s</style>' % CSS, '</head>',
         '<body>', '<h1>mote report: %s</h1>' % esc(name)]
    h.append('<h2>Totals</h2><dl>')
    tot = [("model", "%s (%d bytes)" % (model_path, info["size"])),
           ("operators", len(ops)), ("tensors", len(tens)),
           ("MACs", "{:,}".format(info["macs"])),
           ("weights (constant bytes)", "{:,}".format(info["constant_bytes"])),
           ("arena", "{:,} bytes (state {:,} + activations {:,}) for target {}".format(
               arena, state, act, info["target"])),
           ("peak live activations", "{:,} bytes at step {}".format(peak, peak_step))]
    if prof_result:
        r = prof_result
        fl = r["flash"]
        tot += [("core", "%s (QEMU %s)" % (r["core"], r["machine"])),
                ("instructions", "{:,} per inference".format(r["instructions"])),
                ("estimated time", "%.3f ms at %g MHz (an estimate: instructions are not cycles)"
                 % (r["estimated_ms"], r["mhz"])),
                ("peak stack", "{:,} bytes".format(r["stack_bytes"])),
                ("flash", "runtime code {:,} + kernels {:,} + weights {:,} bytes".format(
                    fl["runtime_code"], fl["kernels"], fl["weights"])),
                ("output check", "firmware matches host" if r["output_match"] else "MISMATCH")]
    for k, v in tot:
        h.append("<dt>%s</dt><dd>%s</dd>" % (esc(k), esc(v)))
    h.append("</dl>")
    h.append("<h2>Graph</h2><table><thead><tr><th>#</th><th class=\"l\">operator</th>"
             "<th class=\"l\">inputs</th><th class=\"l\">outputs</th><th>MACs</th>"
             "<th class=\"l\">share</th><th>weights (bytes)</th>")
    if prof_result:
        h.append("<th>instructions</th><th>MACs / instr.</th><th class=\"l\">kernel</th>")
    h.append("</tr></thead><tbody>")
    for op, w in zip(ops, weights):
        ins = " ".join(shape(t["shape"]) for t in op["inputs"] if t["index"] >= 0)
        outs = " ".join(shape(t["shape"]) for t in op["outputs"])
        h.append("<tr><td>%d</td><td class=\"l\">%s</td><td class=\"l\">%s</td>"
                 "<td class=\"l\">%s</td><td>%s</td><td class=\"l\"><span class=\"bar\" "
                 "style=\"width:%dpx\"></span></td><td>%s</td>" % (
                     op["index"], esc(op["op"]), esc(ins), esc(outs), "{:,}".format(op["macs"]),
                     int(120 * op["macs"] / max_macs), "{:,}".format(w)))
        if prof_result:
            l = layers.get(op["index"], {})
            h.append("<td>%s</td><td>%.3f</td><td class=\"l\">%s (%s)</td>" % (
                "{:,}".format(l.get("instructions", 0)), l.get("macs_per_instruction", 0.0),
                esc(l.get("kernel", "?")), esc(l.get("variant", "?"))))
        h.append("</tr>")
    h.append("<tr class=\"tot\"><td></td><td class=\"l\">total</td><td></td><td></td>"
             "<td>%s</td><td></td><td>%s</td>" % ("{:,}".format(info["macs"]),
                                                  "{:,}".format(sum(weights))))
    if prof_result:
        h.append("<td>%s</td><td></td><td></td>" % "{:,}".format(prof_result["instructions"]))
    h.append("</tr></tbody></table>")
    h.append("<h2>Arena memory timeline</h2>")
    h.append("<p class=\"note\">Each box is an activation tensor (or a kernel's scratch, red): "
             "its offset and size in the activations part of the arena, over the steps from the "
             "one that writes it to the last that reads it. The shaded column is the step with "
             "the most bytes live. The runtime state (%d bytes) sits before the activations.</p>"
             % state)
    h.append(svg)
    h.append("<h2>Inputs and outputs</h2><table><thead><tr><th class=\"l\">kind</th>"
             "<th class=\"l\">name</th><th class=\"l\">type</th><th class=\"l\">shape</th>"
             "<th>scale</th><th>zero point</th></tr></thead><tbody>")
    for kind in ("inputs", "outputs"):
        for t in info[kind]:
            if t:
                h.append("<tr><td class=\"l\">%s</td><td class=\"l\">%s</td><td class=\"l\">%s"
                         "</td><td class=\"l\">%s</td><td>%.9g</td><td>%d</td></tr>" % (
                             kind[:-1], esc(t["name"]), esc(t["type"]), shape(t["shape"]),
                             t["scale"], t["zero_point"]))
    h.append("</tbody></table>")
    h.append("<p class=\"note\">Generated by mote report.</p></body></html>")
    return "\n".join(h) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(prog="mote report",
                                 description="One self-contained HTML page about MODEL.")
    ap.add_argument("model")
    ap.add_argument("-o", "--output", required=True, metavar="FILE.html")
    ap.add_argument("--core", choices=sorted(prof.MACHINES),
                    help="also measure per-layer instructions on this core (mote profile)")
    ap.add_argument("--mhz", type=float, default=100.0)
    ap.add_argument("--input", help="input for --core (default: random, seeded)")
    args = ap.parse_args(argv)
    try:
        target = ["--target", args.core] if args.core else []
        info = json.loads(cli(["inspect", args.model, "--json"] + target))
        plan = parse_plan(cli(["inspect", args.model, "--plan"] + target))
        prof_result = None
        if args.core:
            pa = argparse.Namespace(model=args.model, core=args.core, input=args.input, seed=0,
                                    mhz=args.mhz, json=True, build=None, timeout=600)
            prof_result, mismatch = prof.profile(pa)
            if mismatch:
                raise ReportError("firmware and host outputs differ: " + mismatch)
        page = build_html(args.model, info, plan, prof_result)
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(page)
    except (ReportError, prof.ProfileError, OSError) as e:
        sys.stderr.write("mote: report: %s\n" % e)
        return 1
    print("report: %s" % args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
