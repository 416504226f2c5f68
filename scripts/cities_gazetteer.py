#!/usr/bin/env python3
"""Write a user gazetteer of GeoNames cities with ALL their names and
alternate names, the large (~200,000 alias) gazetteer of the benchmarks.

    python3 scripts/cities_gazetteer.py ../shared/data/geonames/cities15000.txt \
        > /tmp/cities-200k.tsv [--max-aliases N]

Not part of the built-in gazetteer (which curates alternate names): this
one deliberately keeps every name, in every script, to stress the matcher.
Data: GeoNames (CC BY 4.0, https://www.geonames.org/).
"""
import sys


def main():
    path = sys.argv[1]
    limit = int(sys.argv[sys.argv.index("--max-aliases") + 1]) if "--max-aliases" in sys.argv else None
    total = 0
    out = sys.stdout
    out.write("# GeoNames cities15000, every name and alternate name (CC BY 4.0)\n")
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            gid, name, ascii_name, alts, pop = c[0], c[1], c[2], c[3], c[14]
            seen = {name}
            aliases = []
            for a in [ascii_name] + alts.split(","):
                a = a.strip()
                if a and a not in seen and "|" not in a and len(a) <= 200:
                    seen.add(a)
                    aliases.append(a)
            if limit is not None and total + 1 + len(aliases) > limit:
                aliases = aliases[: max(0, limit - total - 1)]
            total += 1 + len(aliases)
            out.write(f"geonames:{gid}\tLOC\t{name}\t{'|'.join(aliases)}\tpopulation={pop or 0}\n")
            if limit is not None and total >= limit:
                break
    print(f"{total} aliases", file=sys.stderr)


if __name__ == "__main__":
    main()
