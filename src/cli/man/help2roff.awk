# help2roff.awk - a command's man page, minutes-COMMAND(1), made from its help as
# 'minutes help COMMAND' prints it, so that the page has the program's own options.
#
#   minutes help search | awk -v command=search -v version=0.1.0 -f help2roff.awk
#
# The help is: "usage: SYNOPSIS" (continued on indented lines), a blank line, the summary,
# a blank line, then option lines ("  -d, --index DIR    what it does", continued on lines
# indented further) and notes (lines that start in the first column).

# Text safe for roff: backslashes escaped, and no line starting with a control character.
function roff(text) {
    gsub(/\\/, "\\e", text)
    if (text ~ /^[.']/)
        text = "\\&" text
    return text
}

# An option's name and argument in bold and italics: "-d, --index DIR".
function option_tag(tag,    n, words, i, out, w, comma) {
    n = split(tag, words, " ")
    out = ""
    for (i = 1; i <= n; i++) {
        w = words[i]
        if (w ~ /^-/) {
            comma = ""
            if (w ~ /,$/) { comma = ","; sub(/,$/, "", w) }
            gsub(/-/, "\\-", w)
            w = "\\fB" w "\\fR" comma
        } else {
            w = "\\fI" roff(w) "\\fR"
        }
        out = out (i > 1 ? " " : "") w
    }
    return out
}

NR == 1 {
    sub(/^usage: /, "")
    synopsis = $0
    part = "usage"
    next
}
part == "usage" && /^ +/ { sub(/^       /, ""); synopsis = synopsis "\n" $0; next }
part == "usage" && /^$/ { part = "summary"; next }
part == "summary" && /^$/ { next }
part == "summary" {
    upper = toupper(command)
    printf ".TH MINUTES\\-%s 1 \"\" \"minutes %s\" \"User Commands\"\n", upper, version
    print ".\\\" Made by src/cli/man/help2roff.awk from 'minutes help " command "'; do not edit."
    print ".SH NAME"
    print "minutes\\-" command " \\- " roff($0)
    print ".SH SYNOPSIS"
    s = roff(synopsis)
    gsub(/-/, "\\-", s)
    print ".nf"
    print s
    print ".fi"
    print ".SH OPTIONS"
    part = "body"
    next
}
part == "body" && /^  +-/ {
    line = $0
    sub(/^ +/, "", line)
    # The tag ends at the first run of two spaces, else after "--name ARG" (one word).
    if (match(line, /  +/)) {
        tag = substr(line, 1, RSTART - 1)
        text = substr(line, RSTART + RLENGTH)
    } else {
        n = split(line, words, " ")
        tag = words[1]
        i = 2
        if (words[i] ~ /^[A-Z][A-Z|.]*$/) { tag = tag " " words[i]; i++ }
        text = ""
        for (; i <= n; i++)
            text = text (text == "" ? "" : " ") words[i]
    }
    print ".TP"
    print option_tag(tag)
    print roff(text)
    in_notes = 0
    next
}
part == "body" && /^  +/ { sub(/^ +/, ""); print roff($0); next }
part == "body" && /^$/ { print ".PP"; next }
part == "body" {
    if (!in_notes) { print ".PP"; in_notes = 1 }
    print roff($0)
    next
}
END {
    print ".SH SEE ALSO"
    print "\\fBminutes\\fR(1)"
}
