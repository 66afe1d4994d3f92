namespace Terminator.Differential.Generation;

/// <summary>
/// The knobs of the program generator: sizes, and how often each kind of construct and trap appears. Rates are
/// probabilities between 0 and 1. The defaults keep a program small enough to be analyzed in well under a second most
/// of the time while mixing signed and unsigned types, edge constants, division and remainder of negative values,
/// and increments inside expressions.
/// </summary>
internal sealed record GeneratorOptions
{
    /// <summary>The fewest parameters of a generated function.</summary>
    public int MinParameters { get; init; } = 1;

    /// <summary>The most parameters of a generated function.</summary>
    public int MaxParameters { get; init; } = 2;

    /// <summary>The most local variables besides the loop counters.</summary>
    public int MaxLocals { get; init; } = 1;

    /// <summary>The most loops in sequence at the top level of a function.</summary>
    public int MaxTopLevelLoops { get; init; } = 2;

    /// <summary>How often a statement of a body is a nested loop (when the nesting allows one).</summary>
    public double NestedLoopRate { get; init; } = 0.08;

    /// <summary>How often a statement of a body is an if (when the nesting allows one).</summary>
    public double IfRate { get; init; } = 0.12;

    /// <summary>How often a statement of a loop body is <c>if (c) { break; }</c>.</summary>
    public double BreakRate { get; init; } = 0.06;

    /// <summary>How often a statement of a body is <c>if (c) { return e; }</c>.</summary>
    public double EarlyReturnRate { get; init; } = 0.03;

    /// <summary>How often a statement of a body is <c>x++;</c> or the like.</summary>
    public double StepStatementRate { get; init; } = 0.1;

    /// <summary>How often each further top-level loop (up to <see cref="MaxTopLevelLoops"/>) is generated.</summary>
    public double FurtherLoopRate { get; init; } = 0.3;

    /// <summary>How often an assignment comes before a top-level loop, and before the return.</summary>
    public double StraightLineRate { get; init; } = 0.3;

    /// <summary>How deep loops and ifs nest (1: no nesting).</summary>
    public int MaxNesting { get; init; } = 2;

    /// <summary>The most statements of a loop body besides its step, and of an if branch.</summary>
    public int MaxBodyStatements { get; init; } = 2;

    /// <summary>How deep an expression tree grows.</summary>
    public int MaxExpressionDepth { get; init; } = 2;

    /// <summary>How often a variable is <c>unsigned</c>.</summary>
    public double UnsignedRate { get; init; } = 0.3;

    /// <summary>How often a variable is 64 bits wide (<c>long long</c> or <c>unsigned long long</c>).</summary>
    public double WideRate { get; init; } = 0.08;

    /// <summary>How often a leaf of an expression is a constant rather than a variable.</summary>
    public double ConstantRate { get; init; } = 0.35;

    /// <summary>How often a constant is an edge value (INT_MAX, INT_MIN, UINT_MAX, 0x80000000, -1, ...) rather than a small one.</summary>
    public double EdgeConstantRate { get; init; } = 0.15;

    /// <summary>How often a variable read becomes <c>x++</c>, <c>--x</c> and the like.</summary>
    public double StepInExpressionRate { get; init; } = 0.1;

    /// <summary>
    /// How often an assignment is made unsequenced on purpose (<c>y = x++ + x;</c>, <c>x = x--;</c>): undefined
    /// behaviour in C that only the compiler's diagnostics see. Elsewhere, a step whose variable the same statement
    /// also reads or writes is turned back into a plain read.
    /// </summary>
    public double UnsequencedRate { get; init; } = 0.03;

    /// <summary>How often an operator is <c>/</c> or <c>%</c>.</summary>
    public double DivisionRate { get; init; } = 0.25;

    /// <summary>How often an operator is <c>*</c>.</summary>
    public double MultiplicationRate { get; init; } = 0.15;

    /// <summary>How often the right operand of <c>*</c>, <c>/</c> or <c>%</c> is a constant rather than an expression.</summary>
    public double ConstantOperandRate { get; init; } = 0.7;

    /// <summary>How often a subexpression is a cast to another type.</summary>
    public double CastRate { get; init; } = 0.05;

    /// <summary>How often a subexpression is a conditional <c>c ? a : b</c>.</summary>
    public double ConditionalRate { get; init; } = 0.03;

    /// <summary>
    /// How often an operator node is a bitwise one: <c>&amp; | ^</c> (often with a mask such as <c>2^k-1</c>),
    /// <c>&lt;&lt; &gt;&gt;</c> (counts around the type's width included) or <c>~</c>.
    /// </summary>
    public double BitwiseRate { get; init; } = 0.1;

    /// <summary>How often each parameter is bounded by an early return at the top (<c>if (a &lt; -100 || a &gt; 100) return 0;</c>).</summary>
    public double InputGuardRate { get; init; } = 0.5;

    /// <summary>How often a loop's counter is one of the parameters rather than a local.</summary>
    public double ParameterCounterRate { get; init; } = 0.3;
}
