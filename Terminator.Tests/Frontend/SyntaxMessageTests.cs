using Terminator.Core.Ir;
using Terminator.Frontend;

namespace Terminator.Tests.Frontend;

/// <summary>C syntax errors read as plain sentences at their position, never as the parser generator's internals.</summary>
[TestFixture]
public sealed class SyntaxMessageTests
{
    private static string ErrorOf(string text) =>
        Assert.Throws<SourceException>(() => CFrontend.Parse(text, "t.c", usePreprocessor: false))!.Message;

    // Each was ANTLR's text before: "missing ';' at 'return'", "no viable alternative at input 'intf({'", "extraneous
    // input '/' expecting {<EOF>, ';', '*', 'auto', ...}" (thirty tokens), "token recognition error at: '@'".
    [TestCase("int f(int x) {\n  x = x + 1\n  return x;\n}\n", "t.c:3:3: syntax error: expected ';' before 'return'", TestName = "MissingSemicolon")]
    [TestCase("int f(int x) {\n  while (x > 0 {\n    x--;\n  }\n  return x;\n}\n", "t.c:2:16: syntax error: expected ')' before '{'", TestName = "MissingParenthesis")]
    [TestCase("intf({\n", "t.c:1:6: syntax error: unexpected '{'", TestName = "NoViableAlternative")]
    [TestCase("int f(int x) { int y = ; return y; }\n", "t.c:1:24: syntax error: unexpected ';'", TestName = "LongExpectationListLeftOut")]
    [TestCase("int f(int x) {\n  return x;\n", "t.c:3:1: syntax error: unexpected end of file (a closing '}', ')' or the end of a statement may be missing)", TestName = "UnclosedBrace")]
    [TestCase("int f(int x) { return x @ 2; }\n", "t.c:1:25: syntax error: unexpected character '@'", TestName = "StrayCharacter")]
    [TestCase("/* open\nint f(void) { return 0; }\n", "t.c:1:1: syntax error: unterminated comment starting here (a '/*' without its '*/')", TestName = "UnterminatedCommentAtTheStart")]
    [TestCase("int f(int x) {\n  return x; /* never closed\n}\n", "t.c:2:13: syntax error: unterminated comment starting here (a '/*' without its '*/')", TestName = "UnterminatedCommentInAFunction")]
    public void SyntaxErrorsArePlainSentences(string text, string message)
    {
        Assert.That(ErrorOf(text), Is.EqualTo(message));
    }

    [Test]
    public void DivisionByADereferenceIsNoComment()
    {
        // "/ *" with a space between is division by a dereference: outside the subset, not an unterminated comment.
        var program = CFrontend.Parse("int f(int x) { return x / *x; }\n", "t.c", usePreprocessor: false);

        Assert.That(program.RefusedFunctions.Single().Reason, Does.StartWith("unsupported: pointer"));
    }
}
