using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// Rules found in the bound operations: every call, creation and member reference, user-defined
/// operators and conversions, and the APIs the compiler's lowerings call (string concatenation
/// and equality, lock, using, foreach over strings).
/// </summary>
internal sealed class OperationChecks
{
    private const string StringEquality = "M:System.String.op_Equality(System.String,System.String)";
    private const string StringInequality = "M:System.String.op_Inequality(System.String,System.String)";

    private readonly SymbolChecker _checker;

    public OperationChecks(SymbolChecker checker) => _checker = checker;

    public void Register(CompilationStartAnalysisContext context)
    {
        context.RegisterOperationAction(c => CheckMember(c, ((IInvocationOperation)c.Operation).TargetMethod), OperationKind.Invocation);
        context.RegisterOperationAction(CheckObjectCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => CheckMember(c, ((IMethodReferenceOperation)c.Operation).Method), OperationKind.MethodReference);
        context.RegisterOperationAction(CheckMemberReference,
            OperationKind.PropertyReference, OperationKind.FieldReference, OperationKind.EventReference);
        context.RegisterOperationAction(CheckTypeOf, OperationKind.TypeOf);
        context.RegisterOperationAction(CheckDelegateCreation, OperationKind.DelegateCreation);
        context.RegisterOperationAction(CheckBinary, OperationKind.Binary);
        context.RegisterOperationAction(c => CheckMember(c, ((IUnaryOperation)c.Operation).OperatorMethod), OperationKind.Unary);
        context.RegisterOperationAction(c => CheckMember(c, ((IIncrementOrDecrementOperation)c.Operation).OperatorMethod),
            OperationKind.Increment, OperationKind.Decrement);
        context.RegisterOperationAction(CheckCompoundAssignment, OperationKind.CompoundAssignment);
        context.RegisterOperationAction(c => CheckMember(c, ((IConversionOperation)c.Operation).OperatorMethod), OperationKind.Conversion);
        context.RegisterOperationAction(CheckConditionalAccess, OperationKind.ConditionalAccess);
        context.RegisterOperationAction(CheckForEach, OperationKind.Loop);
        context.RegisterOperationAction(CheckLock, OperationKind.Lock);
        context.RegisterOperationAction(CheckUsing, OperationKind.Using, OperationKind.UsingDeclaration);
        context.RegisterOperationAction(CheckStringPattern, OperationKind.ConstantPattern);
        context.RegisterOperationAction(CheckStringCase, OperationKind.CaseClause);
        context.RegisterOperationAction(CheckCollectionExpression, OperationKind.CollectionExpression);
    }

    private void CheckMember(OperationAnalysisContext context, ISymbol? member)
    {
        if (member is not null)
        {
            _checker.CheckMember(member, context.Operation.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    private void CheckMemberReference(OperationAnalysisContext context)
    {
        var reference = (IMemberReferenceOperation)context.Operation;

        // Length of a single-dimensional array compiles to the ldlen opcode, not a call.
        if (reference.Member is IPropertySymbol { Name: "Length" } && reference.Instance?.Type is IArrayTypeSymbol { IsSZArray: true })
        {
            return;
        }

        CheckMember(context, reference.Member);
    }

    /// <summary>typeof(T) lowers to Type.GetTypeFromHandle(ldtoken T).</summary>
    private void CheckTypeOf(OperationAnalysisContext context)
    {
        _checker.RequireId("M:System.Type.GetTypeFromHandle(System.RuntimeTypeHandle)", context.Operation.Syntax.GetLocation(), context.ReportDiagnostic);
    }

    private void CheckObjectCreation(OperationAnalysisContext context)
    {
        var constructor = ((IObjectCreationOperation)context.Operation).Constructor;

        // new S() on a struct without a declared parameterless constructor is initobj, not a call.
        if (constructor is not null && !(constructor.IsImplicitlyDeclared && constructor.ContainingType.IsValueType))
        {
            CheckMember(context, constructor);
        }
    }

    /// <summary>Lambdas and method groups converted to Func/Action (natural types) create generic delegates.</summary>
    private static void CheckDelegateCreation(OperationAnalysisContext context)
    {
        // Query clauses are reported once as LINQ (NF0011), not once per hidden lambda.
        if (context.Operation.Type is INamedTypeSymbol { IsGenericType: true } type
            && !context.Operation.Syntax.AncestorsAndSelf().Any(n => n is QueryExpressionSyntax))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.Generics, context.Operation.Syntax.GetLocation(),
                "conversion to generic delegate " + type.ToDisplayString()));
        }
    }

    private void CheckBinary(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorMethod is not null)
        {
            CheckMember(context, binary.OperatorMethod);
            return;
        }

        if (IsString(binary.LeftOperand.Type) && IsString(binary.RightOperand.Type)
            && binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            && !binary.ConstantValue.HasValue && !IsNullConstant(binary.LeftOperand) && !IsNullConstant(binary.RightOperand))
        {
            var id = binary.OperatorKind == BinaryOperatorKind.Equals ? StringEquality : StringInequality;
            _checker.RequireId(id, binary.Syntax.GetLocation(), context.ReportDiagnostic);
            return;
        }

        if (binary.Type?.TypeKind == TypeKind.Delegate || binary.LeftOperand.Type?.TypeKind == TypeKind.Delegate)
        {
            var id = DelegateOperatorId(binary.OperatorKind);
            if (id is not null && !IsNullConstant(binary.LeftOperand) && !IsNullConstant(binary.RightOperand))
            {
                _checker.RequireId(id, binary.Syntax.GetLocation(), context.ReportDiagnostic);
            }

            return;
        }

        if (IsStringConcatenation(binary) && !binary.ConstantValue.HasValue && !IsStringConcatenation(binary.Parent))
        {
            var parts = new List<IOperation>();
            Flatten(binary, parts);
            CheckConcatenation(parts, binary.Syntax.GetLocation(), context);
        }
    }

    private void CheckCompoundAssignment(OperationAnalysisContext context)
    {
        var assignment = (ICompoundAssignmentOperation)context.Operation;
        if (assignment.OperatorMethod is not null)
        {
            CheckMember(context, assignment.OperatorMethod);
        }
        else if (assignment.OperatorKind == BinaryOperatorKind.Add && IsString(assignment.Target.Type))
        {
            CheckConcatenation(new List<IOperation> { assignment.Target, assignment.Value }, assignment.Syntax.GetLocation(), context);
        }
        else if (assignment.Target.Type?.TypeKind == TypeKind.Delegate && DelegateOperatorId(assignment.OperatorKind) is { } id)
        {
            _checker.RequireId(id, assignment.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    /// <summary>Delegate '+', '-', '==' and '!=' lower to these System.Delegate methods.</summary>
    private static string? DelegateOperatorId(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => SymbolChecker.DelegateCombine,
        BinaryOperatorKind.Subtract => SymbolChecker.DelegateRemove,
        BinaryOperatorKind.Equals => "M:System.Delegate.op_Equality(System.Delegate,System.Delegate)",
        BinaryOperatorKind.NotEquals => "M:System.Delegate.op_Inequality(System.Delegate,System.Delegate)",
        _ => null,
    };

    /// <summary>
    /// Mirrors the compiler's lowering of string '+': adjacent constants fold, null and empty
    /// constants drop, 2 to 4 parts call String.Concat(String,...) and more call a span or
    /// array overload. Only String operands map to the String overloads.
    /// </summary>
    private void CheckConcatenation(List<IOperation> parts, Location location, OperationAnalysisContext context)
    {
        var count = 0;
        var previousWasConstant = false;
        foreach (var part in parts)
        {
            var operand = part is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : part;
            if (!IsString(operand.Type) && operand.ConstantValue is not { HasValue: true, Value: null })
            {
                context.ReportDiagnostic(Diagnostic.Create(Rules.StringConcat, operand.Syntax.GetLocation(),
                    "operand of type " + (operand.Type?.ToDisplayString() ?? "?") + " is not a string; convert it explicitly"));
                return;
            }

            if (operand.ConstantValue.HasValue)
            {
                if (operand.ConstantValue.Value is null or "")
                {
                    continue;
                }

                if (previousWasConstant)
                {
                    continue;
                }

                previousWasConstant = true;
            }
            else
            {
                previousWasConstant = false;
            }

            count++;
        }

        if (count > 4)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.StringConcat, location,
                count + " strings in one concatenation lower to String.Concat(ReadOnlySpan<String>); split it into parts of at most 4"));
        }
        else if (count >= 2)
        {
            var id = "M:System.String.Concat(System.String" + string.Concat(Enumerable.Repeat(",System.String", count - 1)) + ")";
            _checker.RequireId(id, location, context.ReportDiagnostic);
        }
    }

    private static void Flatten(IOperation operation, List<IOperation> parts)
    {
        if (operation is IBinaryOperation binary && IsStringConcatenation(binary) && !binary.ConstantValue.HasValue)
        {
            Flatten(binary.LeftOperand, parts);
            Flatten(binary.RightOperand, parts);
        }
        else
        {
            parts.Add(operation);
        }
    }

    private static bool IsStringConcatenation(IOperation? operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } binary && IsString(binary.Type);

    /// <summary>'a?.B' where B is a value type yields Nullable&lt;T&gt;.</summary>
    private static void CheckConditionalAccess(OperationAnalysisContext context)
    {
        if (SymbolChecker.IsNullableValueType(context.Operation.Type))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.NullableValueType, context.Operation.Syntax.GetLocation(),
                "?. yields " + context.Operation.Type!.ToDisplayString()));
        }
    }

    /// <summary>foreach only over arrays (intrinsic) and strings (lowered to Length and the Chars indexer).</summary>
    private void CheckForEach(OperationAnalysisContext context)
    {
        if (context.Operation is not IForEachLoopOperation loop)
        {
            return;
        }

        var collection = loop.Collection is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : loop.Collection;
        var location = collection.Syntax.GetLocation();
        if (collection.Type is IArrayTypeSymbol)
        {
            return;
        }

        if (IsString(collection.Type))
        {
            _checker.RequireId("P:System.String.Length", location, context.ReportDiagnostic);
            _checker.RequireId("P:System.String.Chars(System.Int32)", location, context.ReportDiagnostic);
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rules.ForEach, location,
            "collection of type " + (collection.Type?.ToDisplayString() ?? "?")));
    }

    /// <summary>lock(x) lowers to Monitor.Enter/Exit; the nanoFramework compiler uses the one-argument Enter.</summary>
    private void CheckLock(OperationAnalysisContext context)
    {
        var location = ((ILockOperation)context.Operation).LockedValue.Syntax.GetLocation();
        _checker.RequireId("M:System.Threading.Monitor.Enter(System.Object)", location, context.ReportDiagnostic);
        _checker.RequireId("M:System.Threading.Monitor.Exit(System.Object)", location, context.ReportDiagnostic);
    }

    /// <summary>using statements and declarations call IDisposable.Dispose.</summary>
    private void CheckUsing(OperationAnalysisContext context)
    {
        _checker.RequireId("M:System.IDisposable.Dispose", context.Operation.Syntax.GetLocation(), context.ReportDiagnostic);
    }

    /// <summary>'s is "x"' and switch arms on strings compare with String.op_Equality.</summary>
    private void CheckStringPattern(OperationAnalysisContext context)
    {
        var pattern = (IConstantPatternOperation)context.Operation;
        if (IsString(pattern.InputType) && pattern.Value.ConstantValue is { HasValue: true, Value: string })
        {
            _checker.RequireId(StringEquality, pattern.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    private void CheckStringCase(OperationAnalysisContext context)
    {
        if (context.Operation is ISingleValueCaseClauseOperation { Value: { ConstantValue: { HasValue: true, Value: string } } value })
        {
            _checker.RequireId(StringEquality, value.Syntax.GetLocation(), context.ReportDiagnostic);
        }
    }

    /// <summary>An empty collection expression for an array lowers to the generic Array.Empty&lt;T&gt;().</summary>
    private static void CheckCollectionExpression(OperationAnalysisContext context)
    {
        var collection = (ICollectionExpressionOperation)context.Operation;
        if (collection.Elements.Length == 0 && collection.Type is IArrayTypeSymbol)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.Generics, collection.Syntax.GetLocation(),
                "empty collection expression lowers to Array.Empty<T>(); use new T[0]"));
        }
    }

    /// <summary>Comparing a string with null is a reference comparison; no String method is called.</summary>
    private static bool IsNullConstant(IOperation operand) => operand.ConstantValue is { HasValue: true, Value: null };

    private static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;
}
