# Sourced by the bench scripts (compare.sh, knobs.sh, io.sh): how they time a
# run and take a median, written once.

TIMEFORMAT='%3U %3S %3R'
# timed OUT CMD...: run CMD with its standard output to OUT; print its
# CPU time (user + system) and its wall time, in seconds.
timed() {
	local out=$1
	shift
	{ time "$@" > "$out"; } 2>&1 | awk '{ print $1 + $2, $3 }'
}
# An awk function for a program's text: med(a, n), the median of
# a[1..n] (sorts a).
AWK_MEDIAN='
function med(a, n,   i, j, t) {
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}'
