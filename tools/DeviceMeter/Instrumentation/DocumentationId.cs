using Mono.Cecil;

namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>
/// Documentation-comment ids (the notation of ../shared/nanoframework/api-surface.txt and the
/// cost table's native method list) of method references.
/// </summary>
public static class DocumentationId
{
    /// <summary><c>M:Namespace.Type.Name(ParamType,...)</c>; constructors are <c>#ctor</c>.</summary>
    public static string Of(MethodReference method)
    {
        var name = method.Name.Replace('.', '#');
        var parameters = method.Parameters.Count == 0
            ? ""
            : "(" + string.Join(",", method.Parameters.Select(p => TypeName(p.ParameterType))) + ")";
        return "M:" + TypeName(method.DeclaringType) + "." + name + parameters;
    }

    /// <summary>For a property accessor <c>get_X</c> / <c>set_X</c>: <c>P:Namespace.Type.X</c>; otherwise an empty string.</summary>
    public static string PropertyOf(MethodReference method)
    {
        if (!method.Name.StartsWith("get_", StringComparison.Ordinal) && !method.Name.StartsWith("set_", StringComparison.Ordinal))
        {
            return "";
        }

        var index = method.Name.StartsWith("get_", StringComparison.Ordinal) ? method.Parameters.Count : method.Parameters.Count - 1;
        var parameters = index == 0
            ? ""
            : "(" + string.Join(",", method.Parameters.Take(index).Select(p => TypeName(p.ParameterType))) + ")";
        return "P:" + TypeName(method.DeclaringType) + "." + method.Name[4..] + parameters;
    }

    private static string TypeName(TypeReference type) => type switch
    {
        ByReferenceType byRef => TypeName(byRef.ElementType) + "@",
        ArrayType array => TypeName(array.ElementType) + "[]",
        _ => type.FullName.Replace('/', '.'),
    };
}
