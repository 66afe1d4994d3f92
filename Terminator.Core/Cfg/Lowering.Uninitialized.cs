using System.Collections.Immutable;
using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Reads of automatic variables before any store, under <see cref="UninitializedReads.Undefined"/> (C11 6.3.2.1p2).
/// A variable that needs watching gets a flag, <c>init(x)</c> in answers: 0 where its declaration runs without a
/// value, 1 after any store into it; each read of the variable continues only when the flag is 1 and otherwise goes to
/// an undefined-behaviour sink. An abstraction that forgets the variable's value forgets the flag too, so what the
/// graph says of the flag holds of every run.
/// <para>
/// A variable needs no flag when a definite-assignment pass (<see cref="DefiniteStores"/>) finds a store on every
/// path to each of its reads. In a body with labels, where a jump may come from anywhere, a variable needs none when
/// each of its declarations is followed, in the same statement list, by a plain assignment <c>x = e;</c> (with
/// <c>e</c> not mentioning <c>x</c>), the statements between them do not mention it, every other mention of it lies
/// after that assignment in the same list, and nothing after the declaration in the list carries a label; variables
/// that fail this, or that several declarations share, are watched at every declaration.
/// </para>
/// </summary>
internal sealed partial class Lowering
{
    /// <summary>The flag of each watched variable (by its name in the graph).</summary>
    private readonly Dictionary<string, string> initializationFlags = [];

    /// <summary>The names (in the function's own IR) of the automatic variables each function must watch, by function.</summary>
    private readonly Dictionary<string, HashSet<string>> watchedByFunction = [];

    private bool ReadsBeforeStoreAreUndefined =>
        program.Language == SourceLanguage.C && program.UninitializedReads == UninitializedReads.Undefined;

    /// <summary>The flag variable of the variable named <paramref name="name"/> in the graph.</summary>
    private static string InitializationFlag(string name) => $"init({name})";

    /// <summary>Whether the declaration <paramref name="decl"/>, of the function being lowered, declares a variable to watch.</summary>
    private bool IsWatched(VarDeclStmt decl)
    {
        if (!ReadsBeforeStoreAreUndefined || !decl.Automatic)
        {
            return false;
        }

        if (!watchedByFunction.TryGetValue(frame.FunctionName, out var watched))
        {
            watched = program.Find(frame.FunctionName) is { } function ? WatchedVariables(function) : [];
            watchedByFunction[frame.FunctionName] = watched;
        }

        return watched.Contains(decl.Name);
    }

    /// <summary>Gives the variable named <paramref name="name"/> in the graph a flag, from now on kept by every store (<see cref="AfterStore"/>).</summary>
    private string Watch(string name)
    {
        var flag = InitializationFlag(name);
        Declare(flag, ScalarType.Int, false);
        initializationFlags[name] = flag;
        return flag;
    }

    /// <summary>A read of <paramref name="name"/> (a variable of the graph): undefined behaviour unless it was stored.</summary>
    private void CheckInitialized(string name, VarRef read)
    {
        if (initializationFlags.TryGetValue(name, out var flag))
        {
            GuardUndefined(Formula.Eq(new Var(flag), new Const(1)), read.Span, $"read of the uninitialized variable '{read.Name.Split('#')[0]}'");
        }
    }

    /// <summary>What an action that stores into a watched variable does to its flag: a store sets it, an abstraction forgets it.</summary>
    private CfgAction? AfterStore(CfgAction action) => action switch
    {
        AssignAction a when initializationFlags.TryGetValue(a.Variable, out var flag) => new AssignAction(flag, new Const(1)),
        HavocAction { Abstraction: false } h when initializationFlags.TryGetValue(h.Variable, out var flag) => new AssignAction(flag, new Const(1)),
        HavocAction { Abstraction: true } h when initializationFlags.TryGetValue(h.Variable, out var flag) => new HavocAction(flag, Abstraction: true),
        _ => null,
    };

    /// <summary>The automatic variables of <paramref name="function"/> that need a flag (see the class comment).</summary>
    private static HashSet<string> WatchedVariables(FunctionDecl function)
    {
        var automatic = IrWalker.Statements(function.Body).OfType<VarDeclStmt>().Where(d => d.Automatic).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        if (automatic.Count == 0)
        {
            return automatic;
        }

        // A label can be reached from anywhere: with one in the body, each variable is judged by its block alone.
        if (IrWalker.Statements(function.Body).Any(s => s is LabeledStmt or GotoStmt))
        {
            var watched = new HashSet<string>(StringComparer.Ordinal);
            var declarations = IrWalker.Statements(function.Body).OfType<VarDeclStmt>().Where(d => d.Automatic).ToList();
            var shared = declarations.GroupBy(d => d.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            watched.UnionWith(shared);
            foreach (var list in StatementLists(function.Body))
            {
                for (var k = 0; k < list.Count; k++)
                {
                    if (list[k] is VarDeclStmt { Automatic: true } decl && !shared.Contains(decl.Name) && !StoredBeforeEveryRead(function, list, k))
                    {
                        watched.Add(decl.Name);
                    }
                }
            }

            return watched;
        }

        var analysis = new DefiniteStores(automatic);
        analysis.Statement(function.Body, []);
        return analysis.ReadUnstored;
    }

    /// <summary>Every statement list of a body: blocks and the sections of switches.</summary>
    private static IEnumerable<IReadOnlyList<Stmt>> StatementLists(Stmt body) =>
        IrWalker.Statements(body).SelectMany(s => s switch
        {
            BlockStmt b => [b.Statements],
            SwitchStmt sw => sw.Sections.Select(section => (IReadOnlyList<Stmt>)section.Statements),
            _ => Enumerable.Empty<IReadOnlyList<Stmt>>(),
        });

    /// <summary>Whether the declaration at <paramref name="at"/> in <paramref name="list"/> is stored into before any read (see the class comment).</summary>
    private static bool StoredBeforeEveryRead(FunctionDecl function, IReadOnlyList<Stmt> list, int at)
    {
        var decl = (VarDeclStmt)list[at];
        var name = decl.Name;
        if (decl.Initializer is not null)
        {
            return !IrWalker.InitializerUsesItself(decl);
        }

        if (list.Skip(at + 1).Any(s => IrWalker.Statements(s).Any(inner => inner is LabeledStmt)))
        {
            return false;
        }

        for (var m = at + 1; m < list.Count; m++)
        {
            if (list[m] is ExprStmt { Expression: AssignExpr { YieldsOldValue: false } store } && store.Target == name && !IrWalker.Subexpressions(store.Value).Any(e => Mentions(e, name)))
            {
                // Every other mention lies after the store, in this list: the declaration is the only one before it.
                var mentionsAfter = list.Skip(m).SelectMany(IrWalker.Statements).Count(s => MentionsOwn(s, name));
                return IrWalker.Statements(function.Body).Count(s => MentionsOwn(s, name)) == mentionsAfter + 1;
            }

            if (IrWalker.Statements(list[m]).Any(s => MentionsOwn(s, name)))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="statement"/> itself (not the statements nested in it) names the variable.</summary>
    private static bool MentionsOwn(Stmt statement, string name) =>
        statement is VarDeclStmt d && d.Name == name
        || statement is ParallelAssignStmt p && p.Targets.Contains(name)
        || IrWalker.OwnExpressions(statement).SelectMany(IrWalker.Subexpressions).Any(e => Mentions(e, name));

    /// <summary>
    /// Definite assignment over a body without labels: the automatic variables stored on every path to a point, from
    /// the top down. Each read of one that is not is recorded. A declaration without a value (or that reads itself)
    /// removes its variable, a store adds it; a branch keeps what both sides store, a loop what holds before it (its
    /// body, condition and step are judged from there: the paths around the loop only add stores, and a declaration in
    /// the body removes its own variable again). A statement that jumps away (return, break, continue) stores
    /// everything for what follows it, which no path reaches.
    /// </summary>
    private sealed class DefiniteStores(HashSet<string> automatic)
    {
        public HashSet<string> ReadUnstored { get; } = new(StringComparer.Ordinal);

        /// <summary>The variables stored after <paramref name="statement"/> completes normally, from <paramref name="stored"/> before it; null: it does not.</summary>
        public ImmutableHashSet<string>? Statement(Stmt statement, ImmutableHashSet<string> stored)
        {
            switch (statement)
            {
                case VarDeclStmt d:
                    if (d.Initializer is null)
                    {
                        return stored.Remove(d.Name);
                    }

                    return Expression(d.Initializer, IrWalker.InitializerUsesItself(d) ? stored.Remove(d.Name) : stored).Add(d.Name);
                case BlockStmt b:
                {
                    ImmutableHashSet<string>? current = stored;
                    foreach (var inner in b.Statements)
                    {
                        if (current is null)
                        {
                            // Unreachable from the paths above: still judged, from what the block started with.
                            Statement(inner, stored);
                            continue;
                        }

                        current = Statement(inner, current);
                    }

                    return current;
                }

                case IfStmt i:
                {
                    var afterCondition = Expression(i.Condition, stored);
                    var then = Statement(i.Then, afterCondition);
                    var otherwise = i.Else is null ? afterCondition : Statement(i.Else, afterCondition);
                    return then is null ? otherwise : otherwise is null ? then : then.Intersect(otherwise);
                }

                case LoopStmt l:
                {
                    // What the body stores is not kept: break may leave it early, also a do-while's first run.
                    var atHead = l.Kind == LoopKind.DoWhile ? stored : Expression(l.Condition, stored);
                    Statement(l.Body, atHead);
                    Expression(l.Step, atHead);
                    if (l.Kind == LoopKind.DoWhile)
                    {
                        Expression(l.Condition, atHead);
                    }

                    if (l.Else is not null)
                    {
                        Statement(l.Else, atHead);
                    }

                    return atHead;
                }

                case SwitchStmt sw:
                {
                    var afterValue = Expression(sw.Value, stored);
                    foreach (var section in sw.Sections)
                    {
                        foreach (var inner in section.Statements)
                        {
                            Statement(inner, afterValue);
                        }
                    }

                    return afterValue;
                }

                case ReturnStmt r:
                    Expression(r.Value, stored);
                    return null;
                case BreakStmt or ContinueStmt or HaltStmt:
                    return null;
                case ParallelAssignStmt p:
                {
                    var after = stored;
                    foreach (var value in p.Values)
                    {
                        after = Expression(value, after);
                    }

                    return after.Union(p.Targets.Where(automatic.Contains));
                }

                default:
                {
                    var after = stored;
                    foreach (var e in IrWalker.OwnExpressions(statement))
                    {
                        after = Expression(e, after);
                    }

                    return after;
                }
            }
        }

        /// <summary>
        /// Judges the reads of <paramref name="e"/> from <paramref name="stored"/> and returns what is stored after it:
        /// the stores that every evaluation makes (not those under <c>?:</c> or the right operand of <c>&amp;&amp;</c>
        /// and <c>||</c>). Reads are judged against what held before the whole expression.
        /// </summary>
        private ImmutableHashSet<string> Expression(Expr? e, ImmutableHashSet<string> stored)
        {
            if (e is null)
            {
                return stored;
            }

            foreach (var read in IrWalker.Subexpressions(e).OfType<VarRef>())
            {
                if (automatic.Contains(read.Name) && !stored.Contains(read.Name))
                {
                    ReadUnstored.Add(read.Name);
                }
            }

            return stored.Union(CertainStores(e));
        }

        private static IEnumerable<string> CertainStores(Expr e) => e switch
        {
            AssignExpr a => CertainStores(a.Value).Append(a.Target),
            ConditionalExpr c => CertainStores(c.Condition),
            BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b => CertainStores(b.Left),
            BinaryExpr b => CertainStores(b.Left).Concat(CertainStores(b.Right)),
            UnaryExpr u => CertainStores(u.Operand),
            CastExpr c => CertainStores(c.Operand),
            SequenceExpr s => CertainStores(s.First).Concat(CertainStores(s.Second)),
            _ => [],
        };
    }

    private static bool Mentions(Expr e, string name) => e is VarRef v && v.Name == name || e is AssignExpr a && a.Target == name;
}
