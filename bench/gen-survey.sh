#!/bin/sh
# Writes a valid survey with N questions (default 2000) spread over 10
# areas, with long Swedish texts, guidance and some skip logic, to stdout.
# SKIP_EVERY (default 13): every how many questions carry a condition.
n="${1:-2000}"
awk -v n="$n" -v every="${SKIP_EVERY:-13}" 'BEGIN {
	print "[survey]\nid = bench\nversion = 2026\nlanguages = sv en"
	print "title.sv = Prestandaenkät\ntitle.en = Benchmark survey\nthreshold = 0.75\n"
	for (l = 1; l <= 4; l++)
		printf "[level.%d]\ntitle.sv = Nivå %d\ntitle.en = Level %d\n\n", l, l, l
	print "[scale.m]\noptions = 0 1 2 3 4"
	for (o = 0; o <= 4; o++) {
		printf "%d.label.sv = Nivå %d med å ä ö\n%d.label.en = Level %d\n", o, o, o, o
		printf "%d.description.sv = Beskrivning av vad nivå %d innebär i praktiken för förvaltningen.\n", o, o
		printf "%d.description.en = What level %d means in practice for the department.\n", o, o
		printf "%d.points = %d\n", o, o
	}
	print ""
	for (a = 1; a <= 10; a++)
		printf "[area.a%d]\ntitle.sv = Område %d\ntitle.en = Area %d\nweight = 1\ntarget = 2\n\n", a, a, a
	long = "Beskriv hur förvaltningen arbetar med frågan, vilka dokument som finns, vem som äger dem och hur de följs upp årligen"
	for (q = 1; q <= n; q++) {
		printf "[question.q%d]\narea = a%d\n", q, (q - 1) % 10 + 1
		if (q % 7 == 0)
			printf "type = yesno\n"
		else
			printf "type = scale\nscale = m\n"
		printf "level = %d\n", (q - 1) % 4 + 1
		printf "text.sv = Fråga %d: %s; %s.\n", q, long, long
		printf "text.en = Question %d: describe how the department works with this.\n", q
		printf "guidance.sv = Vägledning för fråga %d. %s.\n  Fortsättningsrad med mer text om åäö.\n", q, long
		printf "guidance.en = Guidance for question %d.\n", q
		# skip logic on an earlier yes/no question of the same area
		if (q > 80 && q % every == 0)
			for (p = q - 10; p > 0; p -= 10)
				if (p % 7 == 0) {
					printf "show_if = q%d = yes or q%d = partly\n", p, p
					break
				}
		print ""
	}
}'
