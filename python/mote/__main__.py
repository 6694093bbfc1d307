"""python -m mote {profile|validate|report} ... (what `build/mote` execs for these)."""
import sys

COMMANDS = ("profile", "validate", "report")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m mote {profile|validate|report} ... "
              "(each with --help)")
        return 0 if argv else 1
    cmd, rest = argv[0], argv[1:]
    if cmd == "profile":
        from . import profile
        return profile.main(rest)
    if cmd == "validate":
        from . import validate
        return validate.main(rest)
    if cmd == "report":
        from . import report
        return report.main(rest)
    sys.stderr.write("mote: unknown command '%s' (%s)\n" % (cmd, ", ".join(COMMANDS)))
    return 1


if __name__ == "__main__":
    sys.exit(main())
