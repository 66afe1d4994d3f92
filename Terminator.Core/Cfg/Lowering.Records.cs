using Terminator.Core.Ir;
using Terminator.Core.Logic;

namespace Terminator.Core.Cfg;

/// <summary>
/// Records on the heap (see <see cref="NewRecordExpr"/>). Each record type R is abstracted by one variable,
/// <c>records(R)</c>, the number of its records allocated so far: the records are numbered from 1 in allocation order,
/// so the addresses in use are 1..records(R) and 0 is null. Their fields are not kept: a read of an integer field (or of
/// an element of an array field, whose index is checked against the field's length) gives an arbitrary value of its type (the frontend's sequencing rules admit a compound store next to a call on that
/// ground, <c>*p += f(q)</c>: see Sequencing.RefuseRecordConflicts), and a read of a pointer field an arbitrary
/// address in use or null. Every run of the
/// program is a run of this encoding, since a record is never freed and a stored address is one in use or null. A
/// pointer field may also hold nothing yet; unless every allocation of R stores its pointer fields before the record
/// can be reached (see <see cref="StoresPointerFieldsFirst"/>), such a read may also go to undefined behaviour.
/// <para>
/// Allocation order. A field f of R that points to records of R may be given an order (see <see cref="OrderOf"/>):
/// <c>older</c> states that every stored f of a record r is null or the address of a record allocated before r
/// (r-&gt;f &lt; r), <c>newer</c> that it is null or one allocated after r (r-&gt;f &gt; r). A variable
/// <c>ordered(R.f)</c>, 1 at the start, becomes 0 at the first store into f that breaks the order (and stays 0); a read
/// of f gives an address in the order while it is 1, any address in use or null once it is 0. By induction over a
/// run, while the variable is 1 every stored f is in the order, so every run of the program is a run of this encoding.
/// With the order, following f moves strictly down (or up) through the addresses in use, which ranks the walk of a
/// list where the invariants show <c>ordered(R.f) = 1</c>: <c>p = p-&gt;next</c> decreases p (older), or increases
/// it up to records(R) (newer). A ring of records breaks the order, and its walk runs forever in the encoding too.
/// </para>
/// <para>
/// Freed records. When the functions a run can execute free records of R, two variables bound the addresses freed so
/// far: every freed record's address lies in <c>freedFirst(R)..freedLast(R)</c> (empty while the first exceeds the
/// last). A use of an address in that range, and a free of one, may be undefined behaviour; outside it, neither is.
/// Freeing a list from its head keeps the walk outside the range (the walk moves away from the freed records in the
/// list's order).
/// </para>
/// </summary>
internal sealed partial class Lowering
{
    /// <summary>The variable that counts the records of <paramref name="record"/> allocated so far.</summary>
    private static string RecordCount(string record) => $"records({record})";


    /// <summary>The variable that is 1 while every store into a field has kept its order (see <see cref="OrderOf"/>).</summary>
    private static string RecordOrder(string record, string field) => $"ordered({record}.{field})";

    /// <summary>Whether a variable of the graph tells whether a field has kept its allocation order.</summary>
    public static bool IsRecordOrder(string variable) => variable.StartsWith("ordered(", StringComparison.Ordinal);

    /// <summary>
    /// Declares each record type's variables: its count, none allocated yet; each ordered field's variable, 1; and, when
    /// records of it are freed, the freed range, empty. A summary check, which starts anywhere, gives them any values
    /// (a count at least 0).
    /// </summary>
    private void DeclareRecordVariables()
    {
        foreach (var record in program.Records)
        {
            if (FreesRecords(record.Name))
            {
                Declare(FreedFirst(record.Name), ScalarType.Unbounded, false);
                Declare(FreedLast(record.Name), ScalarType.Unbounded, false);
                if (summaryCheck)
                {
                    Emit(new HavocAction(FreedFirst(record.Name), Abstraction: true));
                    Emit(new HavocAction(FreedLast(record.Name), Abstraction: true));
                }
                else
                {
                    Emit(new AssignAction(FreedFirst(record.Name), new Const(1)));
                    Emit(new AssignAction(FreedLast(record.Name), new Const(0)));
                }
            }

            foreach (var field in record.Fields.Where(f => OrderOf(record.Name, f.Name) != FieldOrder.None))
            {
                var order = RecordOrder(record.Name, field.Name);
                Declare(order, ScalarType.Bool, false);
                if (summaryCheck)
                {
                    Emit(new HavocAction(order, Abstraction: true));
                }
                else
                {
                    Emit(new AssignAction(order, new Const(1)));
                }
            }

            var count = RecordCount(record.Name);
            Declare(count, ScalarType.Unbounded, false);
            if (summaryCheck)
            {
                Emit(new HavocAction(count, Abstraction: true));
                Emit(new AssumeAction(Formula.Ge(new Var(count), new Const(0)), false));
            }
            else
            {
                Emit(new AssignAction(count, new Const(0)));
            }
        }
    }

    /// <summary>
    /// After a call that returns with arbitrary effects: the counts of the records it may allocate grow by any number,
    /// an ordered field it may store into may have lost its order, and the range of freed records may grow.
    /// </summary>
    private void HavocRecordsAfterCall(string function)
    {
        var reached = program.Callees(function);
        reached.Add(function);
        var expressions = reached.Select(program.Find).OfType<FunctionDecl>().SelectMany(f => IrWalker.Expressions(f.Body)).ToList();
        foreach (var (record, field) in expressions.OfType<FieldAssignExpr>().Select(w => (w.Record, w.Field)).Distinct().Order())
        {
            if (OrderOf(record, field) == FieldOrder.None)
            {
                continue;
            }

            var order = new Var(RecordOrder(record, field));
            var kept = NewTemporary(ScalarType.Unbounded);
            Emit(new HavocAction(kept, Abstraction: true));
            Emit(new AssignAction(order.Name, new Ite(Formula.Eq(new Var(kept), new Const(0)), new Const(0), order)));
        }

        var freed = reached.Select(program.Find).OfType<FunctionDecl>().SelectMany(f => IrWalker.Statements(f.Body)).OfType<FreeRecordStmt>();
        foreach (var record in freed.Select(s => s.Record).Distinct().Order(StringComparer.Ordinal))
        {
            // The freed range only grows: it holds the range before (when that was not empty).
            var first = new Var(FreedFirst(record));
            var last = new Var(FreedLast(record));
            var (oldFirst, oldLast) = (new Var(NewTemporary(ScalarType.Unbounded)), new Var(NewTemporary(ScalarType.Unbounded)));
            Emit(new AssignAction(oldFirst.Name, first));
            Emit(new AssignAction(oldLast.Name, last));
            Emit(new HavocAction(first.Name, Abstraction: true));
            Emit(new HavocAction(last.Name, Abstraction: true));
            Emit(new AssumeAction(Formula.Or(Formula.Gt(oldFirst, oldLast), Formula.And(Formula.Le(first, oldFirst), Formula.Ge(last, oldLast))), false));
        }

        foreach (var record in expressions.OfType<NewRecordExpr>().Select(n => n.Record).Distinct().Order(StringComparer.Ordinal))
        {
            var count = new Var(RecordCount(record));
            var before = NewTemporary(ScalarType.Unbounded);
            Emit(new AssignAction(before, count));
            Emit(new HavocAction(count.Name, Abstraction: true));
            Emit(new AssumeAction(Formula.Ge(count, new Var(before)), false));
        }
    }

    private static string FreedFirst(string record) => $"freedFirst({record})";

    private static string FreedLast(string record) => $"freedLast({record})";

    private readonly Dictionary<string, bool> freesRecords = [];

    /// <summary>Whether a function the run can execute frees records of <paramref name="record"/>.</summary>
    private bool FreesRecords(string record)
    {
        if (!freesRecords.TryGetValue(record, out var frees))
        {
            frees = reachable.Select(program.Find).OfType<FunctionDecl>()
                .Any(f => IrWalker.Statements(f.Body).OfType<FreeRecordStmt>().Any(s => s.Record == record));
            freesRecords[record] = frees;
        }

        return frees;
    }

    /// <summary>Whether <paramref name="address"/> may be that of a freed record (it lies in the freed range).</summary>
    private Formula MayBeFreed(string record, Term address) =>
        FreesRecords(record)
            ? Formula.And(Formula.Le(new Var(FreedFirst(record)), address), Formula.Le(address, new Var(FreedLast(record))))
            : Formula.False;

    /// <summary>Where <paramref name="possible"/> holds, the run may go to undefined behaviour (or go on).</summary>
    private void MayGoUndefined(Formula possible, SourceSpan span, string what)
    {
        if (current == NoNode || possible is BoolConst { Value: false })
        {
            return;
        }

        var ok = NewPlain();
        var ub = NewNode(NodeKind.UndefinedBehaviour, span, what);
        AddGuarded(current, ub, possible, false);
        AddGuarded(current, ok, Formula.True, false);
        current = ok;
    }

    /// <summary>
    /// <c>free(p)</c> of a record: nothing for null; undefined behaviour for no record's address, and possibly for one in
    /// the freed range; then the range grows to hold the address.
    /// </summary>
    private void LowerFreeRecord(FreeRecordStmt free)
    {
        var (address, _) = LowerValue(free.Address);
        var freeing = NewPlain();
        var after = NewPlain();
        Branch(Formula.Eq(address, new Const(NewRecordExpr.Null)), after, freeing);
        current = freeing;
        GuardUndefined(InUse(free.Record, address), free.Span, "free of an indeterminate pointer (one never stored, or to no record)");
        MayGoUndefined(MayBeFreed(free.Record, address), free.Span, "double free of a record");
        var first = new Var(FreedFirst(free.Record));
        var last = new Var(FreedLast(free.Record));

        // The range grows to hold the address, by branches (each path a conjunction): from empty to the address alone,
        // else down to it or up to it.
        var empty = Formula.Gt(first, last);
        SetWhen(empty, [first.Name, last.Name], address, after);
        SetWhen(Formula.Lt(address, first), [first.Name], address, after);
        SetWhen(Formula.Gt(address, last), [last.Name], address, NoNode);
        Jump(after);
        current = after;
    }

    /// <summary>Where <paramref name="condition"/> holds, sets <paramref name="targets"/> to <paramref name="value"/> and goes to <paramref name="then"/> (on when it is <see cref="NoNode"/>); elsewhere goes on.</summary>
    private void SetWhen(Formula condition, string[] targets, Term value, int then)
    {
        var set = NewPlain();
        var otherwise = NewPlain();
        Branch(condition, set, otherwise);
        current = set;
        foreach (var target in targets)
        {
            Emit(new AssignAction(target, value));
        }

        Jump(then == NoNode ? otherwise : then);
        current = otherwise;
    }

    private (Term, ScalarType) LowerRecord(Expr e)
    {
        switch (e)
        {
            case NewRecordExpr allocation:
            {
                var count = RecordCount(allocation.Record);
                Emit(new AssignAction(count, new Arith(ArithOp.Add, new Var(count), new Const(1))));
                var address = NewTemporary(ScalarType.Unbounded);
                Emit(new AssignAction(address, new Var(count)));
                return (new Var(address), ScalarType.Unbounded);
            }

            case RecordPointerExpr use:
            {
                var (pointer, _) = LowerValue(use.Pointer);
                GuardUndefined(Formula.Or(Formula.Eq(pointer, new Const(NewRecordExpr.Null)), InUse(use.Record, pointer)), use.Span, "use of an indeterminate pointer (one never stored, or to no record)");
                MayGoUndefined(MayBeFreed(use.Record, pointer), use.Span, "use of a pointer to a freed record");
                return (pointer, ScalarType.Unbounded);
            }

            case FieldReadExpr read:
            {
                var (address, _) = LowerValue(read.Address);
                var index = read.Index is null ? null : LowerValue(read.Index).Item1;
                var field = GuardField(read.Record, read.Field, address, read.Span);
                GuardElement(read.Record, field, index, "read", read.Span);
                var value = new Var(NewTemporary(field.Type));
                if (field.PointsTo is { } target)
                {
                    if (!StoresPointerFieldsFirst(read.Record))
                    {
                        // The field may not have been stored yet: its read is then undefined.
                        MayGoUndefined(Formula.True, read.Span, $"read of the pointer field '{field.Name}' of a record before any store into it");
                    }

                    Emit(new HavocAction(value.Name, Abstraction: true));

                    // One path per case, each a conjunction: null; an address in use (in the order while it holds).
                    var cases = new List<Formula> { Formula.Eq(value, new Const(NewRecordExpr.Null)) };
                    if (OrderOf(read.Record, field.Name) == FieldOrder.None)
                    {
                        cases.Add(InUse(target, value));
                    }
                    else
                    {
                        var order = new Var(RecordOrder(read.Record, field.Name));
                        cases.Add(Formula.And(Formula.Ne(order, new Const(0)), InUse(target, value), Ordered(read.Record, field.Name, address, value)));
                        cases.Add(Formula.And(Formula.Eq(order, new Const(0)), InUse(target, value)));
                    }

                    var join = NewPlain();
                    foreach (var alternative in cases)
                    {
                        AddGuarded(current, join, alternative, false);
                    }

                    current = join;
                }
                else
                {
                    Emit(new HavocAction(value.Name, Abstraction: true));
                }

                return (value, rules.Effective(field.Type));
            }

            case FieldAssignExpr write:
            {
                // The address, the index and the value are unsequenced; the interpreter evaluates them in this order too.
                var (address, _) = LowerValue(write.Address);
                var index = write.Index is null ? null : LowerValue(write.Index).Item1;
                var (value, valueType) = LowerValue(write.Value);
                var field = GuardField(write.Record, write.Field, address, write.Span);
                GuardElement(write.Record, field, index, "write", write.Span);
                var stored = NewTemporary(field.Type);
                Emit(new AssignAction(stored, field.PointsTo is null ? rules.Convert(value, valueType, field.Type) : value));
                if (OrderOf(write.Record, field.Name) != FieldOrder.None)
                {
                    // The first store against the order ends it (see the class comment).
                    var order = RecordOrder(write.Record, field.Name);
                    var kept = Formula.Or(Formula.Eq(new Var(stored), new Const(NewRecordExpr.Null)), Ordered(write.Record, field.Name, address, new Var(stored)));
                    Emit(new AssignAction(order, new Ite(kept, new Var(order), new Const(0))));
                }
                return (new Var(stored), rules.Effective(field.Type));
            }

            default:
                throw new InvalidOperationException($"{e.Span}: not a record expression");
        }
    }

    /// <summary>The order of the addresses that a pointer field holds (see the class comment).</summary>
    private enum FieldOrder
    {
        /// <summary>No order: any address in use.</summary>
        None,

        /// <summary>Null or a record allocated before the one holding the field.</summary>
        Older,

        /// <summary>Null or a record allocated after the one holding the field.</summary>
        Newer,
    }

    private readonly Dictionary<(string Record, string Field), FieldOrder> fieldOrders = [];

    /// <summary>Whether <paramref name="target"/>, held by the field of the record at <paramref name="holder"/>, is in the field's order.</summary>
    private Formula Ordered(string record, string field, Term holder, Term target) => OrderOf(record, field) switch
    {
        FieldOrder.Older => Formula.Lt(target, holder),
        FieldOrder.Newer => Formula.Gt(target, holder),
        _ => Formula.True,
    };

    /// <summary>
    /// The order given to a field that points to its own record type, when a function the run can execute reads it
    /// (lists are walked). The stores into it in those functions vote: a store into a record that its block has just
    /// allocated, of anything but a new record or a call's result, stores an older one (<c>cell-&gt;next = head</c>);
    /// a store of a new record, of a call's result, or of a variable that its block has just set to one, stores a newer
    /// one (<c>cell-&gt;next = build(n - 1)</c>, <c>last-&gt;next = cell</c>). Unanimous votes give the order; anything
    /// else gives none. A wrong order costs proofs, never soundness (see the class comment).
    /// </summary>
    private FieldOrder OrderOf(string record, string field)
    {
        if (fieldOrders.TryGetValue((record, field), out var known))
        {
            return known;
        }

        var order = FieldOrder.None;
        var functions = reachable.Select(program.Find).OfType<FunctionDecl>().ToList();
        var selfPointing = program.FindRecord(record)?.Field(field)?.PointsTo == record;
        var walked = functions.Any(f => IrWalker.Expressions(f.Body).OfType<FieldReadExpr>().Any(r => r.Record == record && r.Field == field));
        if (selfPointing && walked)
        {
            var votes = new HashSet<FieldOrder>();
            foreach (var block in functions.SelectMany(f => IrWalker.Statements(f.Body)).OfType<BlockStmt>())
            {
                var fresh = new Dictionary<string, bool>();
                foreach (var statement in block.Statements)
                {
                    if (statement is ExprStmt { Expression: FieldAssignExpr store } && store.Record == record && store.Field == field)
                    {
                        var value = store.Value is RecordPointerExpr use ? use.Pointer : store.Value;
                        var newValue = value is NewRecordExpr or CallExpr || value is VarRef v && fresh.ContainsKey(v.Name);
                        var newHolder = store.Address is VarRef holder && fresh.GetValueOrDefault(holder.Name);
                        if (newValue)
                        {
                            votes.Add(FieldOrder.Newer);
                        }
                        else if (newHolder && value is not IntLiteral)
                        {
                            votes.Add(FieldOrder.Older);
                        }
                    }

                    // A variable set to a new record (true) or to a call's result (false) in this block, until set otherwise.
                    var (target, assigned) = statement switch
                    {
                        VarDeclStmt d => (d.Name, d.Initializer),
                        ExprStmt { Expression: AssignExpr a } => (a.Target, a.Value),
                        _ => (null, null),
                    };
                    if (target is not null)
                    {
                        fresh.Remove(target);
                        if (assigned is NewRecordExpr || assigned is CallExpr)
                        {
                            fresh[target] = assigned is NewRecordExpr;
                        }
                    }
                }
            }

            order = votes.Count == 1 ? votes.Single() : FieldOrder.None;
        }

        fieldOrders[(record, field)] = order;
        return order;
    }

    /// <summary>Whether <paramref name="address"/> is that of a record of <paramref name="record"/> allocated so far.</summary>
    private static Formula InUse(string record, Term address) =>
        Formula.And(Formula.Ge(address, new Const(1)), Formula.Le(address, new Var(RecordCount(record))));

    /// <summary>Goes to undefined behaviour unless <paramref name="address"/> is a record's; returns the field.</summary>
    private RecordField GuardField(string record, string fieldName, Term address, SourceSpan span)
    {
        var type = program.FindRecord(record) ?? throw new SourceException(span, $"unknown record type '{record}'");
        var field = type.Field(fieldName) ?? throw new SourceException(span, $"record type '{record}' has no field '{fieldName}'");
        GuardUndefined(new Cmp(CmpOp.Ne, address, new Const(NewRecordExpr.Null)), span, "null pointer dereferenced");
        GuardUndefined(InUse(record, address), span, "indeterminate pointer dereferenced (one never stored, or to no record)");
        MayGoUndefined(MayBeFreed(record, address), span, "use of a record after free");
        return field;
    }

    /// <summary>
    /// For an element of an array field (<paramref name="index"/> not null): goes to undefined behaviour unless
    /// 0 &lt;= index &lt; the field's length. The elements are not kept: a read gives an arbitrary value of their type.
    /// </summary>
    private void GuardElement(string record, RecordField field, Term? index, string access, SourceSpan span)
    {
        if ((field.Length is null) != (index is null))
        {
            throw new InvalidOperationException($"{span}: field '{field.Name}' of record type '{record}' accessed {(index is null ? "without" : "with")} an index");
        }

        if (index is not null)
        {
            GuardUndefined(Formula.And(Formula.Ge(index, new Const(0)), Formula.Lt(index, new Const(field.Length!.Value))), span, $"out-of-bounds {access} of '{record}.{field.Name}'");
        }
    }

    private readonly Dictionary<string, bool> storesPointerFieldsFirst = [];

    /// <summary>
    /// Whether every allocation of <paramref name="record"/> (in the functions a run can execute) stores all its pointer fields before anything can read
    /// one: the allocation is a statement <c>x = new</c> (or the declaration of x), and the statements after it in its
    /// block, up to the last of those stores, are expression statements or declarations that do not mention x, stores
    /// <c>x-&gt;f = v</c> (or <c>x-&gt;f[i] = v</c>) whose value (and index) does not mention x, or tests <c>if (!x) ...</c> without else (malloc does not fail,
    /// so their branch never runs). Until then the record is reached only through x, which
    /// nothing reads, and control cannot leave the block; afterwards no pointer field of it is without a value. Then
    /// no read of a pointer field of such a record finds it unstored.
    /// </summary>
    private bool StoresPointerFieldsFirst(string record)
    {
        if (storesPointerFieldsFirst.TryGetValue(record, out var known))
        {
            return known;
        }

        var pointerFields = program.FindRecord(record)?.Fields.Where(f => f.PointsTo is not null).Select(f => f.Name).ToHashSet() ?? [];
        // Only the functions a run can execute allocate the records it reaches.
        var functions = reachable.Select(program.Find).OfType<FunctionDecl>().ToList();
        var allocations = functions.SelectMany(f => IrWalker.Expressions(f.Body)).OfType<NewRecordExpr>().Count(n => n.Record == record);
        var checkedAllocations = 0;
        var result = true;
        foreach (var block in functions.SelectMany(f => IrWalker.Statements(f.Body)).OfType<BlockStmt>())
        {
            for (var i = 0; i < block.Statements.Length && result; i++)
            {
                if (block.Statements[i] is VarDeclStmt { Initializer: NewRecordExpr { Zeroed: true } } or ExprStmt { Expression: AssignExpr { Value: NewRecordExpr { Zeroed: true } } })
                {
                    // calloc: every pointer field starts null.
                    checkedAllocations++;
                    continue;
                }

                var variable = block.Statements[i] switch
                {
                    VarDeclStmt { Initializer: NewRecordExpr n } d when n.Record == record => d.Name,
                    ExprStmt { Expression: AssignExpr { Value: NewRecordExpr n, YieldsOldValue: false } a } when n.Record == record => a.Target,
                    _ => null,
                };
                if (variable is null)
                {
                    continue;
                }

                checkedAllocations++;
                var pending = new HashSet<string>(pointerFields);
                for (var j = i + 1; j < block.Statements.Length && pending.Count > 0; j++)
                {
                    var statement = block.Statements[j];
                    if (statement is ExprStmt { Expression: FieldAssignExpr { Address: VarRef target } store } && target.Name == variable && store.Record == record)
                    {
                        if (Mentions(store.Value, variable) || (store.Index is { } index && Mentions(index, variable)))
                        {
                            break;
                        }

                        pending.Remove(store.Field);
                        continue;
                    }

                    if (statement is IfStmt { Else: null, Condition: BinaryExpr { Op: BinaryOp.Eq, Left: RecordPointerExpr { Pointer: VarRef tested }, Right: IntLiteral literal } }
                        && tested.Name == variable && literal.Value == NewRecordExpr.Null)
                    {
                        // 'if (!x) ...': malloc does not fail, so the branch never runs.
                        continue;
                    }

                    if (statement is not (ExprStmt or VarDeclStmt) || IrWalker.Expressions(statement).Any(e => MentionsDirectly(e, variable)))
                    {
                        break;
                    }
                }

                result = pending.Count == 0;
            }
        }

        // An allocation anywhere else (inside a larger expression) is not of this form.
        result = result && checkedAllocations == allocations;
        storesPointerFieldsFirst[record] = result;
        return result;

        static bool Mentions(Expr e, string variable) => IrWalker.Expressions(new ExprStmt(e, e.Span)).Any(inner => MentionsDirectly(inner, variable));
        static bool MentionsDirectly(Expr e, string variable) => e is VarRef v && v.Name == variable || e is AssignExpr a && a.Target == variable;
    }
}
