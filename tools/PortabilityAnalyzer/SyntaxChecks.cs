using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// Rules that the syntax shows directly (declarations, modifiers, special expressions), plus
/// every type the source names and every implicit base-constructor call.
/// </summary>
internal sealed class SyntaxChecks
{
    private readonly SymbolChecker _checker;

    public SyntaxChecks(SymbolChecker checker) => _checker = checker;

    public void Register(CompilationStartAnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(CheckTypeName,
            SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.QualifiedName, SyntaxKind.AliasQualifiedName);
        context.RegisterSyntaxNodeAction(CheckPredefinedType, SyntaxKind.PredefinedType);
        context.RegisterSyntaxNodeAction(CheckAttribute, SyntaxKind.Attribute);
        context.RegisterSyntaxNodeAction(CheckModifiers,
            SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration,
            SyntaxKind.MethodDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.FieldDeclaration,
            SyntaxKind.EventFieldDeclaration, SyntaxKind.EventDeclaration, SyntaxKind.IndexerDeclaration,
            SyntaxKind.OperatorDeclaration, SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.ConstructorDeclaration,
            SyntaxKind.DestructorDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.DelegateDeclaration,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
        context.RegisterSyntaxNodeAction(CheckImplicitBaseConstructorOfClass, SyntaxKind.ClassDeclaration);
        context.RegisterSyntaxNodeAction(CheckImplicitBaseConstructorOfConstructor, SyntaxKind.ConstructorDeclaration);
        context.RegisterSyntaxNodeAction(CheckPrimaryConstructorBase, SyntaxKind.PrimaryConstructorBaseType);
        context.RegisterSyntaxNodeAction(CheckFieldLikeEvent, SyntaxKind.EventFieldDeclaration);
        context.RegisterSyntaxNodeAction(CheckSimpleFeature,
            SyntaxKind.TypeParameterList, SyntaxKind.QueryExpression, SyntaxKind.UsingDirective,
            SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement, SyntaxKind.AwaitExpression,
            SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement, SyntaxKind.UsingStatement,
            SyntaxKind.LocalDeclarationStatement,
            SyntaxKind.TupleType, SyntaxKind.TupleExpression, SyntaxKind.ParenthesizedVariableDesignation,
            SyntaxKind.PositionalPatternClause, SyntaxKind.NullableType,
            SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration,
            SyntaxKind.StackAllocArrayCreationExpression, SyntaxKind.ImplicitStackAllocArrayCreationExpression,
            SyntaxKind.UnsafeStatement, SyntaxKind.FixedStatement, SyntaxKind.PointerType, SyntaxKind.FunctionPointerType,
            SyntaxKind.AddressOfExpression, SyntaxKind.PointerIndirectionExpression, SyntaxKind.PointerMemberAccessExpression,
            SyntaxKind.MakeRefExpression, SyntaxKind.RefValueExpression, SyntaxKind.RefTypeExpression,
            SyntaxKind.ArgListExpression, SyntaxKind.ArrayRankSpecifier, SyntaxKind.NumericLiteralExpression,
            SyntaxKind.InterpolatedStringExpression, SyntaxKind.IndexExpression, SyntaxKind.RangeExpression,
            SyntaxKind.ListPattern, SyntaxKind.SlicePattern, SyntaxKind.SpreadElement,
            SyntaxKind.AnonymousObjectCreationExpression, SyntaxKind.Parameter, SyntaxKind.Utf8StringLiteralExpression);
    }

    /// <summary>A type named in source (declaration, base list, cast, typeof, catch, static member access): its T: ID is required.</summary>
    private void CheckTypeName(SyntaxNodeAnalysisContext context)
    {
        var node = context.Node;
        if (node.Parent is QualifiedNameSyntax or AliasQualifiedNameSyntax || node.Parent is AttributeSyntax || IsInTrivia(node))
        {
            return;
        }

        if (node is IdentifierNameSyntax { IsVar: true } || node is IdentifierNameSyntax { Parent: NameColonSyntax or NameEqualsSyntax })
        {
            return;
        }

        if (IsInNameof(node, context.SemanticModel))
        {
            return;
        }

        var symbol = context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol;
        if (symbol is IAliasSymbol alias)
        {
            symbol = alias.Target;
        }

        if (symbol is ITypeSymbol type)
        {
            _checker.CheckNamedType(type, node.GetLocation(), context.ReportDiagnostic);
        }
    }

    /// <summary>Keyword types need no allowlist entry (they are runtime intrinsics), except decimal.</summary>
    private static void CheckPredefinedType(SyntaxNodeAnalysisContext context)
    {
        var node = (PredefinedTypeSyntax)context.Node;
        if (node.Keyword.IsKind(SyntaxKind.DecimalKeyword) && !IsInTrivia(node))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rules.Decimal, node.GetLocation(), "type decimal"));
        }
    }

    /// <summary>An attribute names its type and calls its constructor.</summary>
    private void CheckAttribute(SyntaxNodeAnalysisContext context)
    {
        var node = (AttributeSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol is IMethodSymbol constructor)
        {
            _checker.CheckNamedType(constructor.ContainingType, node.Name.GetLocation(), context.ReportDiagnostic);
            _checker.CheckMember(constructor, node.Name.GetLocation(), context.ReportDiagnostic);
        }
    }

    private static void CheckModifiers(SyntaxNodeAnalysisContext context)
    {
        var node = context.Node;
        var modifiers = node switch
        {
            MemberDeclarationSyntax member => member.Modifiers,
            LocalFunctionStatementSyntax local => local.Modifiers,
            AnonymousFunctionExpressionSyntax function => function.Modifiers,
            _ => default,
        };

        foreach (var modifier in modifiers)
        {
            var location = modifier.GetLocation();
            switch (modifier.Kind())
            {
                case SyntaxKind.AsyncKeyword:
                    context.ReportDiagnostic(Diagnostic.Create(Rules.Async, location, "async modifier"));
                    break;
                case SyntaxKind.UnsafeKeyword:
                    context.ReportDiagnostic(Diagnostic.Create(Rules.Unsafe, location, "unsafe modifier"));
                    break;
                case SyntaxKind.RequiredKeyword:
                    context.ReportDiagnostic(Diagnostic.Create(Rules.Required, location, "required modifier"));
                    break;
                case SyntaxKind.VolatileKeyword:
                    context.ReportDiagnostic(Diagnostic.Create(Rules.Volatile, location, "volatile field"));
                    break;
                case SyntaxKind.StaticKeyword when node.Parent is InterfaceDeclarationSyntax
                    && modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword) || m.IsKind(SyntaxKind.VirtualKeyword)):
                    context.ReportDiagnostic(Diagnostic.Create(Rules.StaticAbstractInterfaceMember, location, "static abstract or virtual member in an interface"));
                    break;
            }
        }
    }

    /// <summary>A class without an explicit instance constructor calls its base type's parameterless constructor.</summary>
    private void CheckImplicitBaseConstructorOfClass(SyntaxNodeAnalysisContext context)
    {
        var node = (ClassDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(node, context.CancellationToken) is not { IsStatic: false } type
            || type.DeclaringSyntaxReferences.Length == 0
            || node.ParameterList is null && type.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) != node)
        {
            return;
        }

        var implicitBaseCall = node.ParameterList is not null
            ? node.BaseList?.Types.Any(t => t is PrimaryConstructorBaseTypeSyntax) != true
            : type.InstanceConstructors.All(c => c.IsImplicitlyDeclared);
        if (implicitBaseCall)
        {
            CheckParameterlessBaseConstructor(type, node.Identifier.GetLocation(), context);
        }
    }

    /// <summary>A constructor without ': base(...)' or ': this(...)' calls the base type's parameterless constructor.</summary>
    private void CheckImplicitBaseConstructorOfConstructor(SyntaxNodeAnalysisContext context)
    {
        var node = (ConstructorDeclarationSyntax)context.Node;
        if (node.Initializer is not null || node.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            return;
        }

        if (context.SemanticModel.GetDeclaredSymbol(node, context.CancellationToken) is { ContainingType: { TypeKind: TypeKind.Class } type })
        {
            CheckParameterlessBaseConstructor(type, node.Identifier.GetLocation(), context);
        }
    }

    /// <summary>The compiler-written accessors of a field-like event combine and remove delegates.</summary>
    private void CheckFieldLikeEvent(SyntaxNodeAnalysisContext context)
    {
        var node = (EventFieldDeclarationSyntax)context.Node;
        if (node.Parent is InterfaceDeclarationSyntax || node.Modifiers.Any(SyntaxKind.AbstractKeyword) || node.Modifiers.Any(SyntaxKind.ExternKeyword))
        {
            return;
        }

        var location = node.Declaration.GetLocation();
        _checker.RequireId(SymbolChecker.DelegateCombine, location, context.ReportDiagnostic);
        _checker.RequireId(SymbolChecker.DelegateRemove, location, context.ReportDiagnostic);
    }

    private void CheckPrimaryConstructorBase(SyntaxNodeAnalysisContext context)
    {
        if (context.SemanticModel.GetSymbolInfo(context.Node, context.CancellationToken).Symbol is IMethodSymbol constructor)
        {
            _checker.CheckMember(constructor, context.Node.GetLocation(), context.ReportDiagnostic);
        }
    }

    private void CheckParameterlessBaseConstructor(INamedTypeSymbol type, Location location, SyntaxNodeAnalysisContext context)
    {
        var baseConstructor = type.BaseType?.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        if (baseConstructor is not null)
        {
            _checker.CheckMember(baseConstructor, location, context.ReportDiagnostic);
        }
    }

    private void CheckSimpleFeature(SyntaxNodeAnalysisContext context)
    {
        var node = context.Node;
        if (IsInTrivia(node))
        {
            return;
        }

        var (rule, detail) = Classify(node, context.SemanticModel, context);
        if (rule is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(rule, node.GetLocation(), detail));
        }
    }

    private static (DiagnosticDescriptor? Rule, string Detail) Classify(SyntaxNode node, SemanticModel model, SyntaxNodeAnalysisContext context)
    {
        switch (node)
        {
            case TypeParameterListSyntax:
                return (Rules.Generics, "generic type or method declaration");
            case QueryExpressionSyntax:
                return (Rules.Linq, "query expression");
            case UsingDirectiveSyntax { Name: { } name }:
                var text = name.ToString();
                return text == "System.Linq" || text.StartsWith("System.Linq.", System.StringComparison.Ordinal)
                    ? (Rules.Linq, "using " + text)
                    : (null, "");
            case YieldStatementSyntax:
                return (Rules.Iterator, "yield statement");
            case AwaitExpressionSyntax:
                return (Rules.Async, "await expression");
            case CommonForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                return (Rules.Async, "await foreach");
            case UsingStatementSyntax { AwaitKeyword.RawKind: not 0 }:
            case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 }:
                return (Rules.Async, "await using");
            case TupleTypeSyntax or TupleExpressionSyntax:
                return (Rules.Tuple, "tuple");
            case ParenthesizedVariableDesignationSyntax or PositionalPatternClauseSyntax:
                return (Rules.Tuple, "deconstruction");
            case NullableTypeSyntax nullable:
                return SymbolChecker.IsNullableValueType(model.GetTypeInfo(nullable, context.CancellationToken).Type)
                    ? (Rules.NullableValueType, nullable.ToString())
                    : (null, "");
            case RecordDeclarationSyntax:
                return (Rules.Record, "record declaration");
            case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                return (Rules.Stackalloc, "stackalloc expression");
            case UnsafeStatementSyntax:
                return (Rules.Unsafe, "unsafe block");
            case FixedStatementSyntax:
                return (Rules.Unsafe, "fixed statement");
            case PointerTypeSyntax or FunctionPointerTypeSyntax:
                return (Rules.Unsafe, "pointer type " + node);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression or (int)SyntaxKind.PointerIndirectionExpression }:
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.PointerMemberAccessExpression }:
                return (Rules.Unsafe, "pointer operation");
            case MakeRefExpressionSyntax or RefValueExpressionSyntax or RefTypeExpressionSyntax:
                return (Rules.Unsafe, "typed reference (__makeref, __refvalue, __reftype)");
            case ExpressionSyntax when node.IsKind(SyntaxKind.ArgListExpression):
                return (Rules.Unsafe, "__arglist");
            case ArrayRankSpecifierSyntax { Rank: > 1 }:
                return (Rules.MultiDimensionalArray, "rank " + ((ArrayRankSpecifierSyntax)node).Rank);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return literal.Token.Value is decimal ? (Rules.Decimal, "decimal literal") : (null, "");
            case InterpolatedStringExpressionSyntax:
                return (Rules.InterpolatedString, "$\"...\"");
            case PrefixUnaryExpressionSyntax when node.IsKind(SyntaxKind.IndexExpression):
                return (Rules.IndexRange, "index from end (^)");
            case RangeExpressionSyntax:
                return (Rules.IndexRange, "range (..)");
            case ListPatternSyntax:
                return (Rules.IndexRange, "list pattern");
            case SlicePatternSyntax:
                return (Rules.IndexRange, "slice pattern");
            case SpreadElementSyntax:
                return (Rules.IndexRange, "spread element (..) in a collection expression");
            case AnonymousObjectCreationExpressionSyntax:
                return (Rules.AnonymousType, "new { ... }");
            case ParameterSyntax parameter when parameter.Modifiers.Any(SyntaxKind.ParamsKeyword) && parameter.Type is not ArrayTypeSyntax:
                return (Rules.ParamsCollection, "params " + parameter.Type);
            case LiteralExpressionSyntax when node.IsKind(SyntaxKind.Utf8StringLiteralExpression):
                return (Rules.Span, "u8 string literal");
            default:
                return (null, "");
        }
    }

    /// <summary>nameof(T) is a compile-time string constant; it uses no API.</summary>
    private static bool IsInNameof(SyntaxNode node, SemanticModel model)
    {
        foreach (var invocation in node.Ancestors().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }
                && model.GetSymbolInfo(invocation).Symbol is null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInTrivia(SyntaxNode node) => node.AncestorsAndSelf().Any(a => a.IsStructuredTrivia);
}
