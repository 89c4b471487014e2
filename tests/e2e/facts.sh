# facts.sh: `recoupe facts` and `recoupe claims` on the bundled sample and on small
# texts written for the tests.
. "$(dirname "$0")/lib.sh"
EX=$(dirname "$0")/../../examples/koursk

run "$RECOUPE" facts -q "$EX"
expect_rc "facts: exit 0 on the sample" 0
expect_json "facts: every claim has the members" \
  'all(set(["file","id","value","low","high","qualifier","thing","where","said_by","role","stance","stated","sentence","start","end"]) <= set(c) for c in d) and len(d) > 5'
expect_json "facts: Blinken's 8,000" 'any(c["value"] == 8000 and "Blinken" in (c["said_by"] or "") for c in d)'
expect_json "facts: no year is a claim" 'not any(c["value"] in (2023, 2024) for c in d)'

printf 'Selon la préfecture, 1 200 manifestants ont défilé jeudi.\n' >"$TMP/a.txt"
run "$RECOUPE" facts -q -f value,said_by "$TMP/a.txt"
expect_out "facts --fields: only the fields asked" '^\{"value":1200,"said_by":"préfecture"\}$'
run "$RECOUPE" facts -q -f value,nope "$TMP/a.txt"
expect_rc "facts --fields: an unknown member is a usage error" 2
expect_err "facts --fields: says which" "nope"
run "$RECOUPE" facts -q --entities "$EX"
expect_json "facts --entities: Koursk region and Blinken are entities" \
  'any("Blinken" in e["name"] for e in d) and any(e["kind"] == "place" for e in d)'

run "$RECOUPE" claims -q "$EX"
expect_rc "claims: exit 0 on the sample" 0
expect_json "claims: one disputed soldiers group from 1,500 to 12,000" \
  'any(g["disputed"] and g["key"] == "soldat" and g["min"] == 1500 and g["max"] == 12000 for s in d for g in s["groups"])'
expect_json "claims: the speakers of the soldiers group" \
  'any(set(["Pentagone", "Volodymyr Zelensky"]) <= set(v["said_by"] for v in g["values"]) for s in d for g in s["groups"])'
run "$RECOUPE" claims -q "$TMP/none"
expect_rc "claims: a missing input exits 1" 1
