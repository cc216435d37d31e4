/* chars.h - ASCII character classes and case, one definition for the whole library.
 *
 * The library reads UTF-8, where every byte of 0x80 or above belongs to a character outside
 * ASCII: such a byte is in none of these classes, and the case mappings return it as it is.
 * Unlike <ctype.h>'s functions these never depend on the locale, and they take a plain char
 * as well as an unsigned one. A byte's value passes through the case mappings unchanged, so
 * compare what they return with bytes of the same type (char with char).
 */
#ifndef MINUTES_CHARS_H
#define MINUTES_CHARS_H

static inline int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline int
is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

static inline int
is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static inline int
is_alpha(int c)
{
    return is_lower(c) || is_upper(c);
}

static inline int
is_alnum(int c)
{
    return is_alpha(c) || is_digit(c);
}

static inline int
is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline int
is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline int
to_lower(int c)
{
    return is_upper(c) ? c - 'A' + 'a' : c;
}

static inline int
to_upper(int c)
{
    return is_lower(c) ? c - 'a' + 'A' : c;
}

#endif /* MINUTES_CHARS_H */
