using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CardFirmware.PortabilityAnalyzer;

/// <summary>
/// Checks one use of a type or member: first the language rules a symbol implies (a generic,
/// span, nullable, tuple, decimal or LINQ symbol is reported under that rule, never as a
/// missing API), then, for symbols from assemblies outside CardFirmware.*, the allowlist.
/// </summary>
internal sealed class SymbolChecker
{
    /// <summary>Delegate '+' and the add accessor of a field-like event call this.</summary>
    public const string DelegateCombine = "M:System.Delegate.Combine(System.Delegate,System.Delegate)";

    /// <summary>Delegate '-' and the remove accessor of a field-like event call this.</summary>
    public const string DelegateRemove = "M:System.Delegate.Remove(System.Delegate,System.Delegate)";

    private readonly Compilation _compilation;
    private readonly HashSet<string>? _allowlist;

    public SymbolChecker(Compilation compilation, HashSet<string>? allowlist)
    {
        _compilation = compilation;
        _allowlist = allowlist;
    }

    /// <summary>Checks a type the source names explicitly (its <c>T:</c> ID is required).</summary>
    public void CheckNamedType(ITypeSymbol type, Location location, Action<Diagnostic> report)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                if (array.Rank > 1)
                {
                    report(Diagnostic.Create(Rules.MultiDimensionalArray, location, Display(array)));
                }

                CheckNamedType(array.ElementType, location, report);
                return;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                report(Diagnostic.Create(Rules.Unsafe, location, "pointer type " + Display(type)));
                return;
            case INamedTypeSymbol named:
                if (ReportLanguageRule(named, location, report))
                {
                    return;
                }

                RequireId(named, location, report);
                return;
            default:
                if (type.TypeKind == TypeKind.Dynamic)
                {
                    report(Diagnostic.Create(Rules.Dynamic, location, "type dynamic"));
                }

                return;
        }
    }

    /// <summary>Checks a method, property, field or event that the code calls or references.</summary>
    public void CheckMember(ISymbol member, Location location, Action<Diagnostic> report)
    {
        if (member is IMethodSymbol method)
        {
            method = method.ReducedFrom ?? method;
            if (method.IsGenericMethod)
            {
                if (IsLinq(method.ContainingType))
                {
                    report(Diagnostic.Create(Rules.Linq, location, "call to " + Display(method)));
                }
                else if (IsSpanLike(method.ReturnType))
                {
                    report(Diagnostic.Create(Rules.Span, location, "call to " + Display(method) + " returns a span"));
                }
                else
                {
                    report(Diagnostic.Create(Rules.Generics, location, "generic method " + Display(method)));
                }

                return;
            }

            member = method;
        }

        if (member.ContainingType is { } containing && ReportLanguageRule(containing, location, report))
        {
            return;
        }

        RequireId(member, location, report);
    }

    /// <summary>Requires an ID that the compiler's lowering uses (no symbol at hand).</summary>
    public void RequireId(string id, Location location, Action<Diagnostic> report)
    {
        if (_allowlist is not null && !_allowlist.Contains(id))
        {
            report(Diagnostic.Create(Rules.ApiNotAllowed, location, id));
        }
    }

    /// <summary>True when the symbol comes from a referenced assembly outside CardFirmware.*.</summary>
    public bool IsExternal(ISymbol symbol)
    {
        var assembly = symbol.ContainingAssembly;
        if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly))
        {
            return false;
        }

        return !assembly.Name.StartsWith("CardFirmware.", StringComparison.Ordinal);
    }

    /// <summary>True for Span, ReadOnlySpan, Memory and ReadOnlyMemory.</summary>
    public static bool IsSpanLike(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || !IsInNamespace(named, "System") || named.ContainingType is not null)
        {
            return false;
        }

        return named.Name is "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory";
    }

    /// <summary>True when the type is Nullable&lt;T&gt;.</summary>
    public static bool IsNullableValueType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private void RequireId(ISymbol symbol, Location location, Action<Diagnostic> report)
    {
        if (_allowlist is null || !IsExternal(symbol))
        {
            return;
        }

        var id = symbol.OriginalDefinition.GetDocumentationCommentId();
        if (id is not null && !_allowlist.Contains(id))
        {
            report(Diagnostic.Create(Rules.ApiNotAllowed, location, id));
        }
    }

    /// <summary>Reports the language rule a named type breaks, if any; true when one was reported.</summary>
    private static bool ReportLanguageRule(INamedTypeSymbol type, Location location, Action<Diagnostic> report)
    {
        DiagnosticDescriptor? rule = null;
        if (type.IsTupleType || IsInNamespace(type, "System") && type.Name == "ValueTuple")
        {
            rule = Rules.Tuple;
        }
        else if (type.IsAnonymousType)
        {
            rule = Rules.AnonymousType;
        }
        else if (IsNullableValueType(type))
        {
            rule = Rules.NullableValueType;
        }
        else if (type.SpecialType == SpecialType.System_Decimal)
        {
            rule = Rules.Decimal;
        }
        else if (IsSpanLike(type))
        {
            rule = Rules.Span;
        }
        else if (IsLinq(type))
        {
            rule = Rules.Linq;
        }
        else if (IsGeneric(type))
        {
            rule = Rules.Generics;
        }

        if (rule is null)
        {
            return false;
        }

        report(Diagnostic.Create(rule, location, "type " + Display(type)));
        return true;
    }

    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLinq(INamedTypeSymbol? type)
    {
        var ns = type?.ContainingNamespace?.ToDisplayString();
        return ns is not null && (ns == "System.Linq" || ns.StartsWith("System.Linq.", StringComparison.Ordinal));
    }

    private static bool IsInNamespace(INamedTypeSymbol type, string name) =>
        type.ContainingNamespace?.ToDisplayString() == name;

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
