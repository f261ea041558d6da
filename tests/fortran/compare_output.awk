# compare_output.awk: awk -v tol=1e-5 -f compare_output.awk EXPECTED ACTUAL
# Compares two program outputs line by line, token by token: numbers within a relative
# tolerance tol (absolute below 1), everything else exactly. Lines starting with "campro "
# (the version banner) are skipped.
function isnum(s) { return s ~ /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eEdD][-+]?[0-9]+)?$/ }
function num(s) { gsub(/[dD]/, "e", s); return s + 0 }
function abs(x) { return x < 0 ? -x : x }
/^campro / { next }
NR == FNR { exp_line[++ne] = $0; next }
{
  na++
  if (na > ne) { printf "extra line %d: %s\n", na, $0; bad++; next }
  n1 = split(exp_line[na], e, /[ \t,=]+/)
  n2 = split($0, a, /[ \t,=]+/)
  if (n1 != n2) { printf "line %d: expected\n  %s\ngot\n  %s\n", na, exp_line[na], $0; bad++; next }
  for (i = 1; i <= n1; i++) {
    if (isnum(e[i]) && isnum(a[i])) {
      x = num(e[i]); y = num(a[i]); scale = abs(x) > 1 ? abs(x) : 1
      if (abs(x - y) > tol * scale) { printf "line %d, field %d: expected %s got %s\n", na, i, e[i], a[i]; bad++ }
    } else if (e[i] != a[i]) { printf "line %d, field %d: expected '%s' got '%s'\n", na, i, e[i], a[i]; bad++ }
  }
}
END {
  if (na < ne) { printf "missing lines: expected %d, got %d\n", ne, na; bad++ }
  if (ne == 0) { print "empty expected file"; bad++ }
  if (bad) { printf "%d difference(s)\n", bad; exit 1 }
  printf "%d lines match\n", na
}
