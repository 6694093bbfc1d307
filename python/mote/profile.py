"""mote profile MODEL --core C: per-layer instructions of MODEL on a Cortex-M
core, measured by running firmware under QEMU (-icount), no board needed.

Standard library only (the host CLI execs it with any python3). Steps:
  1. the Arm cross tools and QEMU, installed on demand
     (tools/ci/install-mcu-tools.sh --arm; needs apt-get and root/sudo);
  2. firmware for the core: ports/cortex-m + the runtime built for it, the
     model linked in with .incbin (`make profile-fw`, mk/tools.mk);
  3. QEMU runs it with -icount shift=0 (one instruction = 1 ns of virtual
     time, counted with SysTick: ports/cortex-m/icount.c);
  4. the firmware's output bytes are compared with `mote run` on the host for
     the same input (random, seeded, when --input is absent): any mismatch
     fails the command.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.environ.get("MOTE_ROOT") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# core -> (QEMU machine, note)
MACHINES = {
    "m0plus": ("mps2-an385", "Armv6-M code run on the Cortex-M3 machine (QEMU has no M0+ "
               "board with enough RAM); Armv6-M is a subset of Armv7-M, so the count is "
               "the M0+ binary's"),
    "m3": ("mps2-an385", ""),
    "m4": ("mps2-an386", ""),
    "m7": ("mps2-an500", ""),
    "m33": ("mps2-an505", "Secure state"),
    "m55": ("mps3-an547", ""),
}
RAM = {"m55": 512 * 1024}          # data memory of the board, bytes (default 4 MB)
DEFAULT_RAM = 4 * 1024 * 1024
TYPES = {"INT8": ("b", 1), "UINT8": ("B", 1), "INT16": ("h", 2), "INT32": ("i", 4),
         "FLOAT32": ("f", 4)}


class ProfileError(Exception):
    pass


def mote_cli():
    return os.environ.get("MOTE_CLI") or os.path.join(ROOT, "build", "mote")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def ensure_tools(quiet):
    need = ["arm-none-eabi-gcc", "qemu-system-arm", "make"]
    if all(shutil.which(t) for t in need) and not run(
            ["sh", os.path.join(ROOT, "tools/ci/install-mcu-tools.sh"), "--arm", "--check"]
    ).returncode:
        return
    if not quiet:
        sys.stderr.write("profile: installing the Arm cross tools and QEMU "
                         "(tools/ci/install-mcu-tools.sh --arm)\n")
    p = subprocess.run(["sh", os.path.join(ROOT, "tools/ci/install-mcu-tools.sh"), "--arm"],
                       stdout=sys.stderr)
    if p.returncode != 0 or not all(shutil.which(t) for t in need):
        raise ProfileError("profile needs make, arm-none-eabi-gcc with newlib "
                           "(gcc-arm-none-eabi libnewlib-arm-none-eabi) and qemu-system-arm; "
                           "install them or run tools/ci/install-mcu-tools.sh --arm as root")


def inspect(model, core):
    p = run([mote_cli(), "inspect", model, "--json", "--target", core])
    if p.returncode != 0:
        raise ProfileError(p.stderr.decode().strip().replace("mote: ", "", 1) or "inspect failed")
    return json.loads(p.stdout)


def random_input(io, seed):
    code, size = TYPES.get(io["type"], (None, 0))
    if code is None:
        raise ProfileError("input type %s: give --input FILE" % io["type"])
    rng = random.Random(seed)
    n = io["bytes"] // size
    if code == "f":
        return struct.pack("<%df" % n, *[rng.uniform(-1.0, 1.0) for _ in range(n)])
    return bytes(rng.randrange(256) for _ in range(io["bytes"]))


def read_input(path, io):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] == b"\x93NUMPY":           # the tensor's bytes, as `mote run` would take them
        hl = struct.unpack("<H", data[8:10])[0] if data[6] == 1 else struct.unpack(
            "<I", data[8:12])[0]
        off = (10 if data[6] == 1 else 12) + hl
        data = data[off:]
    if len(data) != io["bytes"]:
        raise ProfileError("%s: %d bytes of data, input 0 takes %d (raw bytes or a .npy of "
                           "the input's dtype)" % (path, len(data), io["bytes"]))
    return data


def build(model, core, arena, in_bytes, build_dir, quiet):
    with open(model, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    elf = os.path.join(build_dir, "profile", core, digest + ".elf")
    cmd = ["make", "-C", ROOT, "--no-print-directory", "-j2", "BUILD=" + build_dir,
           "PROFILE_MODEL=" + os.path.abspath(model), "PROFILE_CORE=" + core,
           "PROFILE_ARENA=%d" % ((arena + 15) // 16 * 16),
           "PROFILE_INPUT=%d" % max(16, in_bytes), "PROFILE_ELF=" + elf, "profile-fw"]
    p = run(cmd)
    if p.returncode != 0:
        raise ProfileError("building the firmware failed:\n" + p.stdout.decode()[-2000:] +
                           p.stderr.decode()[-2000:])
    return elf


def qemu(elf, core, in_path, timeout):
    cmd = ["timeout", str(timeout), "qemu-system-arm", "-M", MACHINES[core][0], "-nographic",
           "-monitor", "none", "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=0", "-kernel", os.path.abspath(elf),
           "-append", "-bench -layers " + os.path.basename(in_path)]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, cwd=os.path.dirname(in_path))
    text = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0:
        why = {124: "timed out after %ds" % timeout, 3: "CPU fault"}.get(p.returncode,
                                                                        "exit %d" % p.returncode)
        raise ProfileError("firmware under QEMU failed (%s): %s\n%s" % (why, " ".join(cmd),
                                                                       text[-2000:]))
    return text


def fields(line):
    return dict(p.split("=", 1) for p in line.split() if "=" in p)


def parse_fw(text):
    outs, bench, layers = {}, {}, []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == "out":
            outs[int(parts[2])] = bytes.fromhex(parts[3])
        elif line.startswith("bench "):
            bench = fields(line)
        elif line.startswith("layer="):
            layers.append(fields(line))
    return outs, bench, layers


def kernel_category(obj):
    """runtime / kernels / other for one object file (path or archive member)."""
    m = re.search(r"libmote\.a\((.+?)\)", obj)
    if m:
        name = m.group(1)
        for d in ("src/kernels", "src/kernels/ref", "src/kernels/arm"):
            if os.path.exists(os.path.join(ROOT, d, name[:-2] + ".c")):
                return "kernels"
        return "runtime"
    return "other"


def flash_split(elf):
    """Bytes of flash by owner, from the link map's input sections: runtime
    (src/core, format, ops, base), kernels (src/kernels), weights (.model),
    other (start-up, semihosting port, the profiling app, libc/libgcc)."""
    sizes = {"runtime": 0, "kernels": 0, "weights": 0, "other": 0}
    flash_out = (".vectors", ".text", ".ARM.extab", ".ARM.exidx", ".model", ".data")
    with open(elf + ".map", errors="replace") as f:
        text = f.read()
    text = text[text.find("Linker script and memory map"):]
    out_sec, name = None, None
    for line in text.split("\n"):
        if re.match(r"^\.\S", line):                 # an output section
            out_sec, name = line.split()[0], None
            continue
        if out_sec not in flash_out:
            continue
        m = re.match(r"^ (\S+)(\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*))?$", line)
        if m and not line.startswith("  "):
            name = m.group(1)
            if m.group(2) is None:                    # name alone; numbers on the next line
                continue
            size, obj = int(m.group(4), 16), m.group(5)
        else:
            m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if not m or name is None:
                continue
            size, obj = int(m.group(2), 16), m.group(3)
        if name.startswith("*"):
            name = None
            continue
        name = None
        if out_sec == ".model":
            sizes["weights"] += size
        else:
            sizes[kernel_category(obj)] += size
    return sizes


def compare(host, fw, out_types):
    """None if equal (int: exact; float: within 1e-5 relative), else a message."""
    for i, (h, typ) in enumerate(zip(host, out_types)):
        g = fw.get(i)
        if g is None:
            return "output %d: the firmware printed none" % i
        if len(g) != len(h):
            return "output %d: firmware %d bytes, host %d" % (i, len(g), len(h))
        if typ == "FLOAT32":
            n = len(h) // 4
            a, b = struct.unpack("<%df" % n, h), struct.unpack("<%df" % n, g)
            worst = max([abs(x - y) / max(1.0, abs(x)) for x, y in zip(a, b)] or [0.0])
            if not worst <= 1e-5:
                return "output %d: float values differ by up to %.3g (relative)" % (i, worst)
        elif g != h:
            k = next(j for j in range(len(h)) if g[j] != h[j])
            return "output %d: byte %d differs (firmware 0x%02x, host 0x%02x)" % (
                i, k, g[k], h[k])
    return None


def profile(args):
    model = args.model
    if not os.path.isfile(model):
        raise ProfileError("%s: no such file" % model)
    if args.core not in MACHINES:
        raise ProfileError("unknown core '%s' (known: %s)" % (args.core, ", ".join(MACHINES)))
    info = inspect(model, args.core)
    if len(info["inputs"]) != 1:
        raise ProfileError("the firmware feeds one input; this model has %d" %
                           len(info["inputs"]))
    io = info["inputs"][0]
    ram = RAM.get(args.core, DEFAULT_RAM) - 96 * 1024
    if info["arena_bytes"] + io["bytes"] > ram:
        raise ProfileError("arena (%d bytes) + input (%d) do not fit the %s board's RAM" % (
            info["arena_bytes"], io["bytes"], MACHINES[args.core][0]))
    ensure_tools(args.json)
    # The build directory of the mote binary in use (build/ for build/mote).
    build_dir = os.path.abspath(args.build or os.environ.get("MOTE_BUILD") or
                                os.path.dirname(os.path.abspath(mote_cli())))
    elf = build(model, args.core, info["arena_bytes"], io["bytes"], build_dir, args.json)
    tmp = tempfile.mkdtemp(prefix="mote-profile-")
    try:
        data = read_input(args.input, io) if args.input else random_input(io, args.seed)
        in_path = os.path.join(tmp, "input.bin")
        with open(in_path, "wb") as f:
            f.write(data)
        text = qemu(elf, args.core, in_path, args.timeout)
        out_path = os.path.join(tmp, "out.bin")
        p = run([mote_cli(), "run", model, "--input", in_path, "--output", out_path])
        if p.returncode != 0:
            raise ProfileError("host run failed: " + p.stderr.decode().strip())
        with open(out_path, "rb") as f:
            host_all = f.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    host, off = [], 0
    for o in info["outputs"]:
        host.append(host_all[off:off + o["bytes"]])
        off += o["bytes"]
    fw_out, bench, fw_layers = parse_fw(text)
    if not bench:
        raise ProfileError("the firmware printed no bench line:\n" + text[-2000:])
    mismatch = compare(host, fw_out, [o["type"] for o in info["outputs"]])
    layers = []
    for op, lay in zip(info["operators"], fw_layers):
        instr = int(lay.get("instructions", 0))
        layers.append({
            "index": op["index"], "op": op["op"],
            "inputs": [t["shape"] for t in op["inputs"] if t["shape"] is not None],
            "outputs": [t["shape"] for t in op["outputs"] if t["shape"] is not None],
            "macs": op["macs"], "instructions": instr,
            "macs_per_instruction": round(op["macs"] / instr, 4) if instr else 0.0,
            "kernel": lay.get("kernel", "?"), "variant": lay.get("variant", "?"),
        })
    instructions = int(bench["instructions"])
    flash = flash_split(elf)
    result = {
        "model": model, "core": args.core, "machine": MACHINES[args.core][0],
        "machine_note": MACHINES[args.core][1], "instructions": instructions,
        "macs": int(bench.get("macs", 0)), "mhz": args.mhz,
        "estimated_ms": round(instructions / (args.mhz * 1e3), 3),
        "estimate_note": "instructions / MHz: an estimate, instructions are not cycles "
                         "(loads, multiplies, branches and flash wait states cost more)",
        "arena_bytes": int(bench["arena"]), "stack_bytes": int(bench["stack"]),
        "flash": {"runtime_code": flash["runtime"], "kernels": flash["kernels"],
                  "weights": flash["weights"], "other": flash["other"],
                  "other_note": "start-up, semihosting and the profiling app, libc/libgcc "
                                "(a product firmware has its own)"},
        "input": args.input or "random (seed %d)" % args.seed,
        "output_match": mismatch is None, "layers": layers, "elf": elf,
    }
    return result, mismatch


def fmt_shapes(shapes):
    return " ".join("[" + ",".join(str(d) for d in s) + "]" for s in shapes) or "-"


def print_text(r):
    print("model: %s" % r["model"])
    print("core: %s (QEMU %s%s)" % (r["core"], r["machine"],
                                     "; " + r["machine_note"] if r["machine_note"] else ""))
    print("input: %s" % r["input"])
    print()
    print("  %-3s %-18s %-28s %12s %12s %8s  %s" % ("#", "op", "shapes in -> out", "macs",
                                                    "instructions", "mac/ins", "kernel (variant)"))
    for l in r["layers"]:
        shapes = fmt_shapes(l["inputs"][:1]) + " -> " + fmt_shapes(l["outputs"])
        print("  %-3d %-18s %-28s %12d %12d %8.3f  %s (%s)" % (
            l["index"], l["op"], shapes, l["macs"], l["instructions"],
            l["macs_per_instruction"], l["kernel"], l["variant"]))
    print()
    print("instructions: %d (one inference)" % r["instructions"])
    print("macs: %d (%.3f MACs per instruction)" % (r["macs"], r["macs"] / r["instructions"]
                                                  if r["instructions"] else 0.0))
    print("estimated_time: %.3f ms at %g MHz (estimate: one instruction per cycle; "
          "instructions are not cycles)" % (r["estimated_ms"], r["mhz"]))
    print("arena_bytes: %d" % r["arena_bytes"])
    print("stack_bytes: %d (peak: model init + session init + invoke)" % r["stack_bytes"])
    fl = r["flash"]
    print("flash: runtime_code=%d kernels=%d weights=%d (mote total %d; plus %d of start-up,"
          " semihosting app and libc)" % (fl["runtime_code"], fl["kernels"], fl["weights"],
                                           fl["runtime_code"] + fl["kernels"] + fl["weights"],
                                           fl["other"]))
    print("output: %s" % ("firmware and host match" if r["output_match"] else "MISMATCH"))


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="mote profile",
        description="Per-layer instructions, arena, stack and flash of MODEL on a Cortex-M "
                    "core, measured under QEMU (needs make, arm-none-eabi-gcc + newlib and "
                    "qemu-system-arm; installed on demand with apt-get).")
    ap.add_argument("model")
    ap.add_argument("--core", required=True, choices=sorted(MACHINES))
    ap.add_argument("--input", help="raw bytes or .npy of input 0 (default: random, seeded)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mhz", type=float, default=100.0,
                    help="clock for the time estimate (default 100)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--build", help="build directory (default: $MOTE_BUILD, else the directory of the mote binary)")
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args(argv)
    if args.mhz <= 0:
        ap.error("--mhz must be positive")
    try:
        result, mismatch = profile(args)
    except ProfileError as e:
        sys.stderr.write("mote: profile: %s\n" % e)
        return 1
    if args.json:
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print_text(result)
    if mismatch:
        sys.stderr.write("mote: profile: MISMATCH between the firmware and the host: %s\n"
                         % mismatch)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
