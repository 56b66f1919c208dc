using Mono.Cecil;

namespace CardFirmware.NanoFrameworkCheck;

/// <summary>
/// Documentation-comment IDs (the notation of api-surface.txt) for types and members that a
/// compiled assembly references, read with Mono.Cecil.
/// </summary>
internal static class DocumentationId
{
    /// <summary><c>T:</c> ID of a type.</summary>
    public static string Of(TypeReference type) => "T:" + TypeName(type);

    /// <summary>
    /// The IDs under which the surface may list a referenced method or field: the <c>M:</c>/<c>F:</c>
    /// ID, and for accessors the <c>P:</c> or <c>E:</c> ID of their property or event (the surface
    /// lists properties and events, not their accessors).
    /// </summary>
    public static IEnumerable<string> CandidatesOf(MemberReference member)
    {
        var owner = TypeName(member.DeclaringType);
        if (member is FieldReference)
        {
            yield return "F:" + owner + "." + member.Name;
            yield break;
        }

        var method = (MethodReference)member;
        var parameters = method.Parameters.Select(p => TypeName(p.ParameterType)).ToList();
        var name = method.Name.Replace('.', '#');
        var id = "M:" + owner + "." + name + ParameterList(parameters);
        if (method.Name is "op_Implicit" or "op_Explicit")
        {
            id += "~" + TypeName(method.ReturnType);
        }

        yield return id;
        if (method.Name.StartsWith("get_", StringComparison.Ordinal))
        {
            yield return "P:" + owner + "." + method.Name.Substring(4) + ParameterList(parameters);
        }
        else if (method.Name.StartsWith("set_", StringComparison.Ordinal))
        {
            yield return "P:" + owner + "." + method.Name.Substring(4) + ParameterList(parameters.Take(parameters.Count - 1).ToList());
        }
        else if (method.Name.StartsWith("add_", StringComparison.Ordinal) || method.Name.StartsWith("remove_", StringComparison.Ordinal))
        {
            yield return "E:" + owner + "." + method.Name.Substring(method.Name.IndexOf('_') + 1);
        }
    }

    /// <summary>A type in documentation-ID notation: nested types joined by '.', arrays <c>[]</c>, by-ref <c>@</c>.</summary>
    public static string TypeName(TypeReference type) => type switch
    {
        ArrayType array => TypeName(array.ElementType) + "[]",
        ByReferenceType byRef => TypeName(byRef.ElementType) + "@",
        PointerType pointer => TypeName(pointer.ElementType) + "*",
        RequiredModifierType modified => TypeName(modified.ElementType),
        OptionalModifierType modified => TypeName(modified.ElementType),
        GenericParameter parameter => (parameter.Type == GenericParameterType.Method ? "``" : "`") + parameter.Position,
        GenericInstanceType instance => TypeName(instance.ElementType).Split('`')[0]
            + "{" + string.Join(",", instance.GenericArguments.Select(TypeName)) + "}",
        _ when type.IsNested => TypeName(type.DeclaringType) + "." + type.Name,
        _ => type.Namespace.Length > 0 ? type.Namespace + "." + type.Name : type.Name,
    };

    private static string ParameterList(IReadOnlyList<string> parameters) =>
        parameters.Count == 0 ? "" : "(" + string.Join(",", parameters) + ")";
}
