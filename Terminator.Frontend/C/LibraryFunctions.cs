using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Functions of the C library that a program may call without defining them, given by a definition in C with the
/// standard's semantics: a call runs that definition, so its undefined behaviour (a string without its terminator
/// read past its end, a copy into a destination too small) is the call's, and its loops are the caller's to terminate.
/// A file that defines a function of the same name keeps its own. The definitions are read as a file of their own,
/// <see cref="FunctionDecl.LibraryFile"/>, whose functions are not answered. <c>strcmp</c>, <c>strncmp</c> and
/// <c>memcmp</c> return the difference of the first differing characters (as unsigned char), as glibc's generic code
/// does; the standard gives only its sign. <c>memcmp</c> reads all n bytes of both objects, <c>strrchr</c> and
/// <c>strstr</c> their whole strings, and <c>strpbrk</c> the whole set of characters it looks for. The copying
/// functions whose overlapping objects are undefined (<c>memcpy</c>, <c>strcpy</c>, <c>strncpy</c>, <c>strcat</c>,
/// <c>strncat</c>; C11 7.24.2, 7.24.3) first find how many bytes they read from the source and write at the
/// destination (for <c>strcat</c> and <c>strncat</c>, the whole resulting string; for <c>strncpy</c>, all n bytes),
/// then check that the two ranges do not overlap (<see cref="OverlapCheck"/>), which matters only when the two
/// pointers point into one array; <c>memmove</c> copies through an array of its own.
/// <c>atoi</c> and <c>atol</c> are undefined behaviour when the number does not fit their type (C11 7.22.1).
/// </summary>
internal static class LibraryFunctions
{
    private static readonly Dictionary<string, string> Definitions = new(StringComparer.Ordinal)
    {
        ["strlen"] = "unsigned long strlen(const char *s) { unsigned long n = 0; while (s[n] != 0) n++; return n; }",
        ["strnlen"] = "unsigned long strnlen(const char *s, unsigned long max) { unsigned long n = 0; while (n < max && s[n] != 0) n++; return n; }",
        ["strcmp"] = "int strcmp(const char *a, const char *b) { while (*a != 0 && *a == *b) { a++; b++; } return (unsigned char) *a - (unsigned char) *b; }",
        ["strncmp"] = "int strncmp(const char *a, const char *b, unsigned long n) { while (n > 0 && *a != 0 && *a == *b) { a++; b++; n--; } return n == 0 ? 0 : (unsigned char) *a - (unsigned char) *b; }",
        ["strchr"] = "char *strchr(const char *s, int c) { while (*s != (char) c) { if (*s == 0) return 0; s++; } return (char *) s; }",
        ["memset"] = "void *memset(void *s, int c, unsigned long n) { unsigned char *p = s; while (n > 0) { *p = (unsigned char) c; p++; n--; } return s; }",
        ["strcpy"] = "char *strcpy(char *d, const char *s) { unsigned long n = 0; while (s[n] != 0) n++; " + OverlapCheck + "(d, n + 1, s, n + 1); unsigned long i = 0; while (i < n) { d[i] = s[i]; i++; } d[n] = 0; return d; }",
        ["strncpy"] = "char *strncpy(char *d, const char *s, unsigned long n) { unsigned long k = 0; while (k < n && s[k] != 0) k++; unsigned long c = k; if (k < n) c++; " + OverlapCheck + "(d, n, s, c); unsigned long i = 0; while (i < k) { d[i] = s[i]; i++; } while (i < n) { d[i] = 0; i++; } return d; }",
        ["strcat"] = "char *strcat(char *d, const char *s) { unsigned long m = 0; while (d[m] != 0) m++; unsigned long n = 0; while (s[n] != 0) n++; " + OverlapCheck + "(d, m + n + 1, s, n + 1); char *p = d + m; unsigned long i = 0; while (i < n) { p[i] = s[i]; i++; } p[n] = 0; return d; }",
        ["strncat"] = "char *strncat(char *d, const char *s, unsigned long n) { unsigned long m = 0; while (d[m] != 0) m++; unsigned long k = 0; while (k < n && s[k] != 0) k++; unsigned long c = k; if (k < n) c++; " + OverlapCheck + "(d, m + k + 1, s, c); char *p = d + m; unsigned long i = 0; while (i < k) { p[i] = s[i]; i++; } p[k] = 0; return d; }",
        ["memcpy"] = "void *memcpy(void *d, const void *s, unsigned long n) { " + OverlapCheck + "(d, n, s, n); unsigned char *p = d; const unsigned char *q = s; unsigned long i = 0; while (i < n) { p[i] = q[i]; i++; } return d; }",
        ["memmove"] = "void *memmove(void *d, const void *s, unsigned long n) { if (n == 0) return d; unsigned char *p = d; const unsigned char *q = s; unsigned char t[n]; unsigned long i = 0; while (i < n) { t[i] = q[i]; i++; } i = 0; while (i < n) { p[i] = t[i]; i++; } return d; }",
        ["memcmp"] = "int memcmp(const void *a, const void *b, unsigned long n) { const unsigned char *p = a; const unsigned char *q = b; int r = 0; unsigned long i = 0; while (i < n) { int x = p[i] - q[i]; if (r == 0) r = x; i++; } return r; }",
        ["memchr"] = "void *memchr(const void *s, int c, unsigned long n) { const unsigned char *p = s; while (n > 0) { if (*p == (unsigned char) c) return (void *) p; p++; n--; } return 0; }",
        ["strrchr"] = "char *strrchr(const char *s, int c) { const char *e = s; while (*e != 0) e++; while (1) { if (*e == (char) c) return (char *) e; if (e == s) return 0; e--; } }",
        ["atoi"] = "int atoi(const char *s) { " + DecimalPrefix("int") + " }",
        ["atol"] = "long atol(const char *s) { " + DecimalPrefix("long") + " }",
        [StringRead] = "void " + StringRead + "(const char *s) { unsigned long n = 0; while (s[n] != 0) n++; }",
        [StringPrefixRead] = "void " + StringPrefixRead + "(const char *s, unsigned long max) { unsigned long n = 0; while (n < max && s[n] != 0) n++; }",
        ["strpbrk"] = "char *strpbrk(const char *s, const char *a) { unsigned long n = 0; while (a[n] != 0) n++; while (*s != 0) { unsigned long i = 0; while (i < n) { if (a[i] == *s) return (char *) s; i++; } s++; } return 0; }",
        ["strstr"] = "char *strstr(const char *h, const char *n) { unsigned long hl = 0; while (h[hl] != 0) hl++; unsigned long nl = 0; while (n[nl] != 0) nl++; if (nl > hl) return 0; const char *last = h + (hl - nl); const char *p = h; while (p <= last) { unsigned long i = 0; while (i < nl && p[i] == n[i]) i++; if (i == nl) return (char *) p; p++; } return 0; }",
    };

    /// <summary>
    /// The read of a string that an output function prints (<c>%s</c>, <c>puts</c>, <c>fputs</c>), called only by the
    /// reading of those calls: <c>__print_string(s)</c> reads the characters of s up to its terminator, as
    /// <c>strlen</c> does, which is undefined behaviour when the array holds no terminator from s on (C11 7.21.6.1p8).
    /// </summary>
    public const string StringRead = "__print_string";

    /// <summary>
    /// The read of a string that <c>%.Ns</c> prints: <c>__print_string_prefix(s, n)</c> reads the characters
    /// of s up to its terminator or up to n of them, as <c>strnlen</c> does (C11 7.21.6.1p8: the array needs no
    /// terminator when it holds n characters).
    /// </summary>
    public const string StringPrefixRead = "__print_string_prefix";

    /// <summary>The library functions that store nothing: a call of one changes no object of the program.</summary>
    private static readonly HashSet<string> ReadingFunctions = new(StringComparer.Ordinal)
    {
        "strlen", "strnlen", "strcmp", "strncmp", "strchr", "strrchr", "strstr", "strpbrk", "memcmp", "memchr", "atoi", "atol",
        StringRead, StringPrefixRead,
    };

    /// <summary>Whether the library's function <paramref name="name"/> only reads memory (it stores into no object of the program).</summary>
    public static bool ReadsOnly(string name) => ReadingFunctions.Contains(name);

    /// <summary>The functions that print strings, whose calls may read them through <see cref="StringRead"/> and <see cref="StringPrefixRead"/>.</summary>
    private static readonly HashSet<string> StringPrinters = new(StringComparer.Ordinal) { "printf", "fprintf", "puts", "fputs" };

    /// <summary>
    /// The body of <c>atoi</c> and <c>atol</c> (C11 7.22.1.2), which return the value of the decimal number that starts
    /// the string after white space (<c>isspace</c> in the "C" locale: ' ', '\t' to '\r'), with an optional sign, as a
    /// value of <paramref name="type"/>: the digits are added up as a negative number, which holds the most negative
    /// value too, so the arithmetic overflows exactly when the number does not fit, which C makes undefined behaviour.
    /// </summary>
    private static string DecimalPrefix(string type) =>
        "while (*s == ' ' || (*s >= 9 && *s <= 13)) s++; int negative = *s == '-'; if (*s == '-' || *s == '+') s++; "
        + type + " n = 0; while (*s >= '0' && *s <= '9') { n = n * 10 - (*s - '0'); s++; } return negative ? n : -n;";

    /// <summary>
    /// The check, callable only from these definitions, that a copy's destination and source do not overlap:
    /// <c>__terminator_disjoint(p, m, q, n)</c> is undefined behaviour when the m elements at p and the n at q share
    /// an element (see <see cref="Terminator.Core.Ir.OverlapCheckExpr"/>).
    /// </summary>
    public const string OverlapCheck = "__terminator_disjoint";

    /// <summary>
    /// The text to put before a translation unit that calls library functions it does not define (so that they are
    /// defined before their calls): a line marker that starts <see cref="FunctionDecl.LibraryFile"/>, their definitions,
    /// one per line, and a line marker back to the first line of <paramref name="fileName"/>. Empty when none is called.
    /// </summary>
    public static string For(CompilationUnitContext unit, string fileName)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var called = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in CParseTreeConverter.Descendants(unit))
        {
            switch (node)
            {
                case FunctionDefinitionContext definition when DefinedName(definition.declarator()) is { } name:
                    defined.Add(name);
                    break;
                case CallContext call when (call.callee as PrimaryContext)?.primaryExpression() is IdentifierContext callee && Definitions.ContainsKey(callee.GetText()):
                    called.Add(callee.GetText());
                    break;
                case CallContext call when (call.callee as PrimaryContext)?.primaryExpression() is IdentifierContext callee && StringPrinters.Contains(callee.GetText()):
                    called.Add(StringRead);
                    called.Add(StringPrefixRead);
                    break;
            }
        }

        called.ExceptWith(defined);
        return called.Count == 0
            ? ""
            : $"# 1 \"{FunctionDecl.LibraryFile}\"\n{string.Join("\n", called.Select(name => Definitions[name]))}\n# 1 \"{fileName}\"\n";
    }

    private static string? DefinedName(DeclaratorContext declarator) =>
        declarator.directDeclarator() is FunctionDeclaratorContext { } function && function.directDeclarator() is NamedDeclaratorContext named
            ? named.GetText()
            : null;
}
