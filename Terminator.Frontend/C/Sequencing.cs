using System.Collections.Immutable;
using Terminator.Core.Ir;

namespace Terminator.Frontend.C;

/// <summary>
/// C's sequencing rules over the IR of a converted file. C leaves the order in which the operands of most operators
/// are evaluated open, and a side effect on an object that is unsequenced relative to another side effect on it or to
/// a read of its value is undefined behaviour (C11 6.5p2): <c>x++ + x++</c>, <c>x++ + x</c>, <c>x = x++</c>,
/// <c>f(x, x++)</c>. Such an expression is replaced by an <see cref="UndefinedExpr"/>, so that the analysis, the
/// lowering and the interpreter all see the undefined behaviour where the program reaches it.
/// <para>
/// What is sequenced (C11 6.5.2.2, 6.5.2.4, 6.5.13–6.5.17): the left operand of <c>&amp;&amp;</c> and <c>||</c> before
/// the right one, the condition of <c>?:</c> before the branch taken, the arguments of a call before its body, the
/// reads of an assignment's operands before its store, the read of <c>x++</c> before its store, and one full
/// expression (a statement's expression, a condition, an initializer, a <c>for</c> step, a <c>return</c> value)
/// before the next. The operands of every other operator, and the arguments of a call among themselves, are
/// unsequenced; a store of an assignment is unsequenced relative to stores made inside its right operand, unless a
/// sequence point (the condition of a <c>?:</c>, a call) comes between them.
/// </para>
/// <para>
/// Where a conflicting access is evaluated only under a condition (a branch of <c>?:</c>, the right operand of
/// <c>&amp;&amp;</c> or <c>||</c>) and the other one always, the innermost conditionally evaluated operand that holds
/// it becomes the undefined expression, so the undefined behaviour happens exactly when that operand is evaluated.
/// Three cases are refused as unsupported rather than guessed at: both accesses under conditions; a conflict next to
/// a call of a function of the file (a call may stop the program before the conflict happens); and a global variable
/// that a called function reads or changes while the caller's expression changes or reads it outside the call, whose
/// value then depends on an order C leaves unspecified.
/// </para>
/// </summary>
internal sealed class Sequencing(IReadOnlyCollection<FunctionDecl> functions, IEnumerable<GlobalDecl> globals, IEnumerable<string> globalArrays)
{
    private readonly CallEffects effects = CallEffects.Of(functions, globals, globalArrays);

    /// <summary>The function with every expression whose evaluation is undefined by C's sequencing rules replaced.</summary>
    /// <exception cref="SourceException">An expression whose meaning depends on an order C leaves open (unsupported).</exception>
    public FunctionDecl Apply(FunctionDecl function) => function with { Body = (BlockStmt)Rewrite(function.Body, effects) };

    private static Stmt Rewrite(Stmt statement, CallEffects effects)
    {
        Expr Full(Expr e) => FullExpression.Rewrite(e, effects, statementLevel: false);
        Expr? Optional(Expr? e) => e is null ? null : Full(e);
        Expr Statement(Expr e) => FullExpression.Rewrite(e, effects, statementLevel: true);
        return statement switch
        {
            VarDeclStmt s => s with { Initializer = Optional(s.Initializer) },
            ArrayDeclStmt s => s with { Length = Full(s.Length) },
            ExprStmt s => s with { Expression = Statement(s.Expression) },
            IfStmt s => s with { Condition = Full(s.Condition), Then = Rewrite(s.Then, effects), Else = s.Else is null ? null : Rewrite(s.Else, effects) },
            LoopStmt s => s with
            {
                Condition = Optional(s.Condition),
                Body = Rewrite(s.Body, effects),
                Step = s.Step is null ? null : Statement(s.Step),
                Else = s.Else is null ? null : Rewrite(s.Else, effects),
            },
            BlockStmt s => s with { Statements = [.. s.Statements.Select(inner => Rewrite(inner, effects))] },
            ReturnStmt s => s with { Value = Optional(s.Value) },
            AssumeStmt s => s with { Condition = Full(s.Condition) },
            FreeStmt s => s with { Offset = Full(s.Offset) },
            ReallocStmt s => s with { Offset = Full(s.Offset), Length = Full(s.Length) },
            FreeRecordStmt s => s with { Address = Full(s.Address) },
            AssertStmt s => s with { Condition = Full(s.Condition) },
            SwitchStmt s => s with
            {
                Value = Full(s.Value),
                Sections = [.. s.Sections.Select(section => section with { Statements = [.. section.Statements.Select(inner => Rewrite(inner, effects))] })],
            },
            LabeledStmt s => s with { Body = Rewrite(s.Body, effects) },
            _ => statement,
        };
    }

    /// <summary>When a store is known to be complete relative to the value computation of the expression holding it.</summary>
    private enum Completion
    {
        /// <summary>Not before the value is computed: a store by <c>=</c> or <c>++</c>.</summary>
        Open,

        /// <summary>Before the value is computed: a store in the condition of <c>?:</c> or in a call's arguments.</summary>
        Complete,

        /// <summary>In the left operand of <c>&amp;&amp;</c> or <c>||</c>: complete only when the right one is evaluated.</summary>
        CompleteIfRightEvaluated,
    }

    /// <summary>
    /// One read or store of a variable inside an expression. <paramref name="Conditions"/> lists the operands that
    /// are evaluated only under a condition and hold the access, outermost first, within the expression summarized;
    /// <paramref name="ByCall"/> marks an access made by the body of a called function.
    /// </summary>
    private sealed record Access(string Variable, bool IsStore, ImmutableList<Expr> Conditions, Completion Completion, bool ByCall)
    {
        public Access UnderCondition(Expr operand) => this with { Conditions = Conditions.Insert(0, operand) };
    }

    /// <summary>What evaluating an expression may do besides computing its value.</summary>
    [Flags]
    private enum Risk
    {
        None = 0,

        /// <summary>It calls a function of the file.</summary>
        Calls = 1,

        /// <summary>It calls a function that may stop the program (<c>abort</c>, <c>exit</c>, an assertion or an assumption).</summary>
        MayStop = 2,

        /// <summary>It may not complete: an operation that may overflow or divide by zero, an undefined expression, a call.</summary>
        MayFail = 4,
    }

    /// <summary>The accesses of an expression, and what else its evaluation may do.</summary>
    private sealed record Summary(ImmutableList<Access> Accesses, Risk Risk)
    {
        public static readonly Summary Empty = new([], Risk.None);

        public Summary Union(Summary other) => new(Accesses.AddRange(other.Accesses), Risk | other.Risk);

        public Summary Map(Func<Access, Access> change) => this with { Accesses = [.. Accesses.Select(change)] };

        public Summary With(Risk more) => this with { Risk = Risk | more };
    }

    /// <summary>The rewriting of one full expression: first the places to replace, then a rebuilt tree.</summary>
    private sealed class FullExpression(CallEffects effects)
    {
        private readonly Dictionary<Expr, string> undefined = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Expr> statementRoots = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// Marks the undefined parts of a full expression. With <paramref name="statementLevel"/> (an expression
        /// statement or a <c>for</c> step, whose value is discarded) it may store into array elements at its top, or at
        /// the top of the operands of a top-level comma; any other store into an array element is refused.
        /// </summary>
        public static Expr Rewrite(Expr expression, CallEffects effects, bool statementLevel)
        {
            var pass = new FullExpression(effects);
            if (statementLevel)
            {
                pass.MarkStatementRoots(expression);
            }

            pass.RefuseMemoryNextToCalls(expression);
            pass.RefuseRecordConflicts(expression);
            pass.MarkLoneStore(expression);

            _ = pass.Summarize(expression);
            return pass.undefined.Count == 0 ? expression : pass.Rebuild(expression);
        }

        private void MarkStatementRoots(Expr e)
        {
            statementRoots.Add(e);
            switch (e)
            {
                case SequenceExpr sequence:
                    MarkStatementRoots(sequence.First);
                    MarkStatementRoots(sequence.Second);
                    break;
                case CastExpr { Type.Kind: TypeKind.Void } cast:
                    MarkStatementRoots(cast.Operand);
                    break;
            }
        }

        /// <summary>
        /// A call that passes a pointer to a function that may store into elements (itself or through its callees) may
        /// change the elements of that array while the rest of the expression, unsequenced with the call's body, reads
        /// or changes elements too: what it computes then depends on an order C leaves open, so such an expression is
        /// refused (as a global changed by a call is). A call that only reads elements conflicts only with stores.
        /// </summary>
        private void RefuseMemoryNextToCalls(Expr root)
        {
            var all = IrWalker.Expressions(new ExprStmt(root, root.Span)).ToList();
            foreach (var call in all.OfType<CallExpr>().Where(c => c.Arguments.Any(a => a is PointerExpr)))
            {
                var inside = new HashSet<Expr>(
                    call.Arguments.SelectMany(a => IrWalker.Expressions(new ExprStmt(a, a.Span))),
                    ReferenceEqualityComparer.Instance);
                var writes = effects.StoresIntoElements(call.Callee);
                bool Conflicts(Expr e) => e switch
                {
                    ArrayAssignExpr => true,
                    ArrayReadExpr => writes,
                    CallExpr other => !ReferenceEquals(other, call) && other.Arguments.Any(a => a is PointerExpr) && (writes || effects.StoresIntoElements(other.Callee)),
                    _ => false,
                };
                if (all.FirstOrDefault(e => !inside.Contains(e) && Conflicts(e)) is { } access)
                {
                    throw SourceException.Unsupported(
                        access.Span, $"an access to array elements next to the call of '{call.Callee}', which may change them (C leaves their order open)");
                }
            }
        }

        /// <summary>
        /// Refuses a full expression whose accesses to records (see <see cref="FieldReadExpr"/>) depend on an order C
        /// leaves open. The effects on records are stores into fields and calls of functions that store into fields,
        /// free or allocate records; the reads are reads of fields and calls of functions that read them. The outermost
        /// effect (a statement's store, or a call) must hold every other access in its operands, which are evaluated
        /// before its store or its body, but for reads that hold it in theirs, which come after it
        /// (<c>walk(build(n))</c>); when other effects remain, they and every read must lie in one operand, which must
        /// obey the same rule (<c>x-&gt;next = build(n - 1)</c>, <c>push(push(0, a), b)</c>).
        /// </summary>
        private void RefuseRecordConflicts(Expr root)
        {
            var all = IrWalker.Expressions(new ExprStmt(root, root.Span)).ToList();
            var accesses = all.Where(e => IsEffect(e) || e is FieldReadExpr || e is CallExpr call && effects.ReadsRecords(call.Callee)).ToList();
            if (!Admitted(accesses))
            {
                throw SourceException.Unsupported(root.Span, "accesses to records next to a store into one or a call that changes them (C leaves their order open)");
            }

            bool IsEffect(Expr e) => e is FieldAssignExpr || e is CallExpr call && effects.ChangesRecords(call.Callee);

            bool Admitted(List<Expr> inside)
            {
                if (inside.FirstOrDefault(IsEffect) is not { } outer)
                {
                    return true;
                }

                // A read that holds the effect in its operands (a call of it, a member of its result) comes after it.
                var rest = inside.Where(e => !ReferenceEquals(e, outer) && !Within(outer, e)).ToList();
                if ((outer is FieldAssignExpr && !statementRoots.Contains(outer)) || !rest.All(e => Within(e, outer)))
                {
                    return false;
                }

                var compound = outer is FieldAssignExpr store ? CompoundRead(store) : null;
                if (compound is var (own, _))
                {
                    rest.Remove(own);
                }

                if (!rest.Any(IsEffect))
                {
                    return true;
                }

                Expr[] operands = outer switch
                {
                    FieldAssignExpr when compound is var (_, operand) => [((FieldAssignExpr)outer).Address, operand],
                    FieldAssignExpr { Index: { } index } element => [element.Address, index, element.Value],
                    FieldAssignExpr plain => [plain.Address, plain.Value],
                    CallExpr call => [.. call.Arguments],
                    _ => [],
                };
                var holding = operands.Where(o => rest.Any(e => Within(e, o))).ToList();
                return holding.Count == 1 && rest.All(e => Within(e, holding[0])) && Admitted(rest);
            }

            // The expressions evaluated as part of outer (outer itself included).
            static bool Within(Expr inner, Expr outer) => IrWalker.Expressions(new ExprStmt(outer, outer.Span)).Any(e => ReferenceEquals(e, inner));

            // A compound store 'p->m op= e' (or '*p op= e' of a heap cell): its own read of the member and e. The read
            // and e are not sequenced (a call in e runs before or after it), yet either order gives the same runs of
            // the encoding: the lowering gives every read of an integer member an arbitrary value (the only members a
            // compound store reaches; pointer members take '=' alone), the store after e checks the record is still
            // live, and a member stored before e stays stored. The address must be a variable e does not assign; the index
            // of an element of an array member ('p->a[i] op= e'), with no effects, reads no variable e assigns.
            static (FieldReadExpr Own, Expr Operand)? CompoundRead(FieldAssignExpr store) =>
                store is { Address: VarRef address, Value: BinaryExpr { Left: FieldReadExpr own } value }
                && own.Record == store.Record && own.Field == store.Field && own.Address == address && own.Index == store.Index
                && !IrWalker.Expressions(new ExprStmt(value.Right, value.Span)).Any(e => e is AssignExpr assign && (assign.Target == address.Name || Reads(store.Index, assign.Target)))
                    ? (own, value.Right)
                    : null;

            static bool Reads(Expr? index, string variable) =>
                index is not null && IrWalker.Expressions(new ExprStmt(index, index.Span)).Any(e => e is VarRef v && v.Name == variable);
        }

        /// <summary>
        /// Admits a store into an array element anywhere in a full expression (<c>while ((*d++ = *s++) != 0)</c>) when it
        /// is the expression's only store into an element, every read of an element and every call of the expression
        /// is inside the store's own operands, and its value reads no element of the array it stores into: no other
        /// access to memory can then be unsequenced relative to it, even through another pointer to the same array,
        /// and its value is the value stored (not the old one, as <c>a[i]++</c> would need).
        /// </summary>
        private void MarkLoneStore(Expr root)
        {
            var all = IrWalker.Expressions(new ExprStmt(root, root.Span)).ToList();
            if (all.OfType<ArrayAssignExpr>().ToList() is not [var store])
            {
                return;
            }

            var operands = new HashSet<Expr>(
                IrWalker.Expressions(new ExprStmt(store.Index, store.Span)).Concat(IrWalker.Expressions(new ExprStmt(store.Value, store.Span))),
                ReferenceEqualityComparer.Instance);
            var alone = all.All(e => e is not (ArrayReadExpr or CallExpr) || operands.Contains(e));
            var readsOwnArray = operands.Any(e => e is ArrayReadExpr read && read.Array == store.Array);
            if (alone && !readsOwnArray)
            {
                statementRoots.Add(store);
            }
        }

        private Summary Summarize(Expr e)
        {
            switch (e)
            {
                case VarRef v:
                    return new Summary([new Access(v.Name, false, [], Completion.Complete, false)], Risk.None);
                case UnaryExpr u:
                    return Summarize(u.Operand).With(u.Op is UnaryOp.Not or UnaryOp.BitNot ? Risk.None : Risk.MayFail);
                case CastExpr c:
                    return Summarize(c.Operand);
                case BinaryExpr { Op: BinaryOp.And or BinaryOp.Or } b:
                {
                    var left = Summarize(b.Left).Map(a => a.Completion == Completion.Open ? a with { Completion = Completion.CompleteIfRightEvaluated } : a);
                    var right = Summarize(b.Right).Map(a => a.UnderCondition(b.Right));
                    return left.Union(right);
                }

                case ConditionalExpr c:
                {
                    var condition = Summarize(c.Condition).Map(a => a with { Completion = Completion.Complete });
                    var then = Summarize(c.Then).Map(a => a.UnderCondition(c.Then));
                    var otherwise = Summarize(c.Else).Map(a => a.UnderCondition(c.Else));
                    return condition.Union(then).Union(otherwise);
                }

                case BinaryExpr b:
                {
                    var arithmetic = b.Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Rem or BinaryOp.ShiftLeft or BinaryOp.ShiftRight;
                    return Unsequenced(b, [Summarize(b.Left), Summarize(b.Right)]).With(arithmetic ? Risk.MayFail : Risk.None);
                }

                case CallExpr call:
                {
                    var arguments = Unsequenced(call, [.. call.Arguments.Select(Summarize)]);
                    // The arguments are evaluated before the body runs, and the body before the call's value is used.
                    var complete = arguments.Map(a => a with { Completion = Completion.Complete });
                    var body = effects.Accesses(call.Callee).Select(g => new Access(g.Variable, g.IsStore, [], Completion.Complete, true));
                    var risk = Risk.Calls | Risk.MayFail | (effects.MayStop(call.Callee) ? Risk.MayStop : Risk.None);
                    return new Summary(complete.Accesses.AddRange(body), complete.Risk | risk);
                }

                case SequenceExpr sequence:
                    // A sequence point: the first operand's effects are complete before the second is evaluated.
                    return Summarize(sequence.First).Map(a => a with { Completion = Completion.Complete }).Union(Summarize(sequence.Second));
                case AssignExpr assign:
                    return Assignment(assign);
                case ArrayReadExpr read when effects.IsGlobalArray(read.Array):
                    // An array at file scope is read like a global variable, which a call may change.
                    return Summarize(read.Index).Union(new Summary([new Access(read.Array, false, [], Completion.Complete, false)], Risk.None)).With(Risk.MayFail);
                case ArrayReadExpr read:
                    return Summarize(read.Index).With(Risk.MayFail);
                case PointerExpr pointer:
                    return Summarize(pointer.Offset).With(Risk.MayFail);
                case NullCheckExpr check:
                    return Summarize(check.Pointer).With(Risk.MayFail);
                case ArgumentStringExpr argument:
                    return Unsequenced(argument, [Summarize(argument.Index), Summarize(argument.Count)]).With(Risk.MayFail);
                case ElementCheckExpr check:
                    return Unsequenced(check, [Summarize(check.Index), Summarize(check.Condition)]).With(Risk.MayFail);
                case IntegerSqrtExpr root:
                    return Summarize(root.Operand).With(Risk.MayFail);
                case OverlapCheckExpr check:
                    return Unsequenced(check, [Summarize(check.First.Offset), Summarize(check.FirstCount), Summarize(check.Second.Offset), Summarize(check.SecondCount)]).With(Risk.MayFail);
                case PointerDifferenceExpr difference:
                    return Unsequenced(difference, [Summarize(difference.Left), Summarize(difference.Right)]).With(Risk.MayFail);
                case FieldReadExpr { Index: { } index } read:
                    return Unsequenced(read, [Summarize(read.Address), Summarize(index)]).With(Risk.MayFail);
                case FieldReadExpr read:
                    return Summarize(read.Address).With(Risk.MayFail);
                case RecordPointerExpr use:
                    return Summarize(use.Pointer).With(Risk.MayFail);
                case FieldAssignExpr write when !statementRoots.Contains(write):
                    throw SourceException.Unsupported(write.Span, "assignment to a field through a pointer inside a larger expression");
                case FieldAssignExpr { Index: { } index } write:
                    return Unsequenced(write, [Summarize(write.Address), Summarize(index), Summarize(write.Value)]).With(Risk.MayFail);
                case FieldAssignExpr write:
                    return Unsequenced(write, [Summarize(write.Address), Summarize(write.Value)]).With(Risk.MayFail);
                case ArrayAssignExpr write when !statementRoots.Contains(write):
                    throw SourceException.Unsupported(write.Span, "assignment to an array element inside a larger expression");
                case ArrayAssignExpr write:
                    // One array store per full expression, as its outermost operation or alone among the accesses to
                    // memory (see MarkLoneStore): it comes after its operands' value computations, so only their own
                    // effects can conflict.
                    return Unsequenced(write, [Summarize(write.Index), Summarize(write.Value)]).With(Risk.MayFail);
                default:
                    // Literals, nondeterministic values and terminates(f) access no variable.
                    return Summary.Empty;
            }
        }

        /// <summary>
        /// An assignment: its store comes after the reads of its operands, but is unsequenced relative to a store to
        /// the same variable inside the right operand that is not complete before the right operand's value.
        /// </summary>
        private Summary Assignment(AssignExpr assign)
        {
            var value = Summarize(assign.Value);
            var conflicts = new List<(Access, Access)>();
            var store = new Access(assign.Target, true, [], Completion.Open, false);
            foreach (var inner in value.Accesses.Where(a => a.IsStore && a.Variable == assign.Target))
            {
                switch (inner.Completion)
                {
                    case Completion.Open:
                        conflicts.Add((store, inner));
                        break;
                    case Completion.CompleteIfRightEvaluated:
                        throw SourceException.Unsupported(
                            assign.Span,
                            $"a change of '{Display(assign.Target)}' in the left operand of '&&' or '||' whose value is assigned to it");
                }
            }

            if (Resolve(assign, conflicts, value.Risk))
            {
                return new Summary([], value.Risk | Risk.MayFail);
            }

            var own = assign.YieldsOldValue
                ? ImmutableList.Create(new Access(assign.Target, false, [], Completion.Complete, false), store)
                : [store];
            return new Summary(Survivors(value.Accesses).AddRange(own), value.Risk);
        }

        /// <summary>
        /// Operands evaluated in no fixed order: every store in one conflicts with every access to its variable in
        /// another. An operand that may stop the program next to one that may fail is refused, since whether the
        /// failure happens then depends on the order the compiler picks.
        /// </summary>
        private Summary Unsequenced(Expr node, IReadOnlyList<Summary> operands)
        {
            var conflicts = new List<(Access, Access)>();
            for (var i = 0; i < operands.Count; i++)
            {
                for (var j = 0; j < operands.Count; j++)
                {
                    if (i != j && operands[i].Risk.HasFlag(Risk.MayStop) && operands[j].Risk.HasFlag(Risk.MayFail))
                    {
                        throw SourceException.Unsupported(
                            node.Span,
                            "a call that may stop the program next to an operand that may fail or not end (C leaves their order open)");
                    }
                }

                for (var j = i + 1; j < operands.Count; j++)
                {
                    conflicts.AddRange(
                        from a in operands[i].Accesses
                        from b in operands[j].Accesses
                        where a.Variable == b.Variable && (a.IsStore || b.IsStore)
                        select (a, b));
                }
            }

            var all = operands.Aggregate(Summary.Empty, (sum, operand) => sum.Union(operand));
            return Resolve(node, conflicts, all.Risk)
                ? new Summary([], all.Risk | Risk.MayFail)
                : all with { Accesses = Survivors(all.Accesses), Risk = all.Risk | (undefined.Count > 0 ? Risk.MayFail : Risk.None) };
        }

        /// <summary>
        /// Marks what the conflicts at <paramref name="node"/> make undefined; true when that is the node itself.
        /// </summary>
        private bool Resolve(Expr node, List<(Access A, Access B)> conflicts, Risk risk)
        {
            if (conflicts.Count == 0)
            {
                return false;
            }

            var (first, second) = Telling(conflicts);
            if (conflicts.Any(c => c.A.ByCall || c.B.ByCall))
            {
                var name = Display(conflicts.First(c => c.A.ByCall || c.B.ByCall).A.Variable);
                throw SourceException.Unsupported(
                    node.Span, $"an expression whose value depends on whether a called function reads or changes '{name}' before or after the rest of it");
            }

            if (risk.HasFlag(Risk.Calls))
            {
                throw SourceException.Unsupported(node.Span, $"{Describe(first, second)} next to a function call");
            }

            var always = conflicts.Where(c => c.A.Conditions.IsEmpty && c.B.Conditions.IsEmpty).ToList();
            if (always.Count > 0)
            {
                var (a, b) = Telling(always);
                undefined[node] = Describe(a, b);
                return true;
            }

            foreach (var (x, y) in conflicts)
            {
                if (!x.Conditions.IsEmpty && !y.Conditions.IsEmpty)
                {
                    throw SourceException.Unsupported(node.Span, $"{Describe(x, y)} in operands that are each evaluated only under a condition");
                }

                var conditional = x.Conditions.IsEmpty ? y : x;
                undefined.TryAdd(conditional.Conditions[^1], Describe(x, y));
            }

            return false;
        }

        /// <summary>The accesses that remain possible: those not inside an operand that is now undefined.</summary>
        private ImmutableList<Access> Survivors(ImmutableList<Access> accesses) =>
            undefined.Count == 0 ? accesses : [.. accesses.Where(a => !a.Conditions.Any(undefined.ContainsKey))];

        /// <summary>The conflict to report: two stores say more about the mistake than a store and a read.</summary>
        private static (Access, Access) Telling(List<(Access A, Access B)> conflicts) =>
            conflicts.OrderBy(c => c.A.IsStore && c.B.IsStore ? 0 : 1).First();

        private static string Describe(Access a, Access b) =>
            a.IsStore && b.IsStore
                ? $"unsequenced modifications of '{Display(a.Variable)}'"
                : $"unsequenced modification and read of '{Display(a.Variable)}'";

        /// <summary>The source name of an IR variable (<c>x#2</c> is a shadowing <c>x</c>).</summary>
        private static string Display(string variable) => variable.Split('#')[0];

        private Expr Rebuild(Expr e)
        {
            if (undefined.TryGetValue(e, out var reason))
            {
                return new UndefinedExpr(e, reason, e.Span);
            }

            return e switch
            {
                UnaryExpr u => u with { Operand = Rebuild(u.Operand) },
                CastExpr c => c with { Operand = Rebuild(c.Operand) },
                BinaryExpr b => b with { Left = Rebuild(b.Left), Right = Rebuild(b.Right) },
                ConditionalExpr c => c with { Condition = Rebuild(c.Condition), Then = Rebuild(c.Then), Else = Rebuild(c.Else) },
                CallExpr call => call with { Arguments = [.. call.Arguments.Select(Rebuild)] },
                AssignExpr assign => assign with { Value = Rebuild(assign.Value) },
                ArrayReadExpr read => read with { Index = Rebuild(read.Index) },
                ArrayAssignExpr write => write with { Index = Rebuild(write.Index), Value = Rebuild(write.Value) },
                FieldReadExpr read => read with { Address = Rebuild(read.Address), Index = read.Index is null ? null : Rebuild(read.Index) },
                FieldAssignExpr write => write with { Address = Rebuild(write.Address), Index = write.Index is null ? null : Rebuild(write.Index), Value = Rebuild(write.Value) },
                RecordPointerExpr use => use with { Pointer = Rebuild(use.Pointer) },
                SequenceExpr sequence => sequence with { First = Rebuild(sequence.First), Second = Rebuild(sequence.Second) },
                PointerExpr pointer => pointer with { Offset = Rebuild(pointer.Offset) },
                NullCheckExpr check => check with { Pointer = Rebuild(check.Pointer) },
                ArgumentStringExpr argument => argument with { Index = Rebuild(argument.Index), Count = Rebuild(argument.Count) },
                ElementCheckExpr check => check with { Index = Rebuild(check.Index), Condition = Rebuild(check.Condition) },
                PointerDifferenceExpr difference => difference with { Left = Rebuild(difference.Left), Right = Rebuild(difference.Right) },
                IntegerSqrtExpr root => root with { Operand = Rebuild(root.Operand) },
                OverlapCheckExpr check => check with
                {
                    First = check.First with { Offset = Rebuild(check.First.Offset) },
                    FirstCount = Rebuild(check.FirstCount),
                    Second = check.Second with { Offset = Rebuild(check.Second.Offset) },
                    SecondCount = Rebuild(check.SecondCount),
                },
                _ => e,
            };
        }
    }

    /// <summary>
    /// The global variables each function reads and changes, and whether it may stop the program (<c>abort</c>,
    /// <c>exit</c>, an assertion, an assumption), its callees' included.
    /// </summary>
    private sealed class CallEffects
    {
        private readonly Dictionary<string, HashSet<(string Variable, bool IsStore)>> byFunction = [];
        private readonly HashSet<string> mayStop = new(StringComparer.Ordinal);

        private readonly HashSet<string> storesIntoElements = new(StringComparer.Ordinal);

        private readonly HashSet<string> changesRecords = new(StringComparer.Ordinal);

        private readonly HashSet<string> readsRecords = new(StringComparer.Ordinal);

        /// <summary>Whether the function or one it calls stores into a field of a record, allocates or frees one.</summary>
        public bool ChangesRecords(string function) => changesRecords.Contains(function);

        /// <summary>Whether the function or one it calls reads a field of a record.</summary>
        public bool ReadsRecords(string function) => readsRecords.Contains(function);

        public bool MayStop(string function) => mayStop.Contains(function);

        /// <summary>Whether the function or one it calls stores into an array element (only a caller's array can outlive the call).</summary>
        public bool StoresIntoElements(string function) => storesIntoElements.Contains(function);

        private static readonly HashSet<(string Variable, bool IsStore)> None = [];

        public HashSet<(string Variable, bool IsStore)> Accesses(string function) =>
            byFunction.TryGetValue(function, out var accesses) ? accesses : None;

        private HashSet<string> globalArrays = [];

        /// <summary>Whether <paramref name="array"/> is an array at file scope, whose elements count as accesses to a global named after it.</summary>
        public bool IsGlobalArray(string array) => globalArrays.Contains(array);

        public static CallEffects Of(IReadOnlyCollection<FunctionDecl> functions, IEnumerable<GlobalDecl> globalDeclarations, IEnumerable<string> globalArrayNames)
        {
            var globals = globalDeclarations.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
            var result = new CallEffects { globalArrays = globalArrayNames.ToHashSet(StringComparer.Ordinal) };
            var callees = new Dictionary<string, HashSet<string>>();
            foreach (var function in functions)
            {
                var own = new HashSet<(string, bool)>();
                var calls = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in IrWalker.Expressions(function.Body))
                {
                    switch (e)
                    {
                        case VarRef v when globals.Contains(v.Name):
                            own.Add((v.Name, false));
                            break;
                        case AssignExpr a when globals.Contains(a.Target):
                            own.Add((a.Target, true));
                            break;
                        case ArrayReadExpr r when result.globalArrays.Contains(r.Array):
                            own.Add((r.Array, false));
                            break;
                        case ArrayAssignExpr w when result.globalArrays.Contains(w.Array):
                            own.Add((w.Array, true));
                            break;
                        case CallExpr c:
                            calls.Add(c.Callee);
                            break;
                    }
                }

                result.byFunction[function.Name] = own;
                callees[function.Name] = calls;
                if (IrWalker.Statements(function.Body).Any(statement => statement is HaltStmt or AssertStmt or AssumeStmt))
                {
                    result.mayStop.Add(function.Name);
                }

                if (IrWalker.Expressions(function.Body).Any(e => e is ArrayAssignExpr))
                {
                    result.storesIntoElements.Add(function.Name);
                }

                if (IrWalker.Expressions(function.Body).Any(e => e is FieldAssignExpr or NewRecordExpr)
                    || IrWalker.Statements(function.Body).Any(statement => statement is FreeRecordStmt))
                {
                    result.changesRecords.Add(function.Name);
                }

                if (IrWalker.Expressions(function.Body).Any(e => e is FieldReadExpr))
                {
                    result.readsRecords.Add(function.Name);
                }
            }

            // Close over calls: a function accesses what its callees access.
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (function, calls) in callees)
                {
                    foreach (var callee in calls.Where(result.byFunction.ContainsKey))
                    {
                        foreach (var access in result.byFunction[callee].ToList())
                        {
                            changed |= result.byFunction[function].Add(access);
                        }

                        changed |= result.mayStop.Contains(callee) && result.mayStop.Add(function);
                        changed |= result.storesIntoElements.Contains(callee) && result.storesIntoElements.Add(function);
                        changed |= result.changesRecords.Contains(callee) && result.changesRecords.Add(function);
                        changed |= result.readsRecords.Contains(callee) && result.readsRecords.Add(function);
                    }
                }
            }

            return result;
        }
    }
}
