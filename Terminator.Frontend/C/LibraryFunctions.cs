using Terminator.Core.Ir;
using static Terminator.Frontend.Generated.MiniCParser;

namespace Terminator.Frontend.C;

/// <summary>
/// Functions of the C library that a program may call without defining them, given by a definition in C with the
/// standard's semantics: a call runs that definition, so its undefined behaviour (a string without its terminator
/// read past its end) is the call's, and its loops are the caller's to terminate. A file that defines a function of
/// the same name keeps its own. The definitions are read as a file of their own, <see cref="FunctionDecl.LibraryFile"/>,
/// whose functions are not answered. <c>strcmp</c> and <c>strncmp</c> return the difference of the first differing
/// characters (as unsigned char), as glibc's generic code does; the standard gives only its sign. Functions that copy
/// (<c>strcpy</c>, <c>memcpy</c>) are not given: overlapping objects make them undefined, which these definitions
/// could not tell.
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
    };

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
