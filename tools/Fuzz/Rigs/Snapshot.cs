using System.Reflection;
using System.Runtime.CompilerServices;

namespace CardFirmware.Fuzz.Rigs;

/// <summary>
/// A deep copy of an object graph by its fields: the managed stand-in for afl's fork server, so a
/// target can prepare an expensive state once (a protocol party after its first round) and hand every
/// input a fresh copy of it. Arrays, objects and boxed structs are copied, strings and primitives
/// shared; shared references stay shared within the copy.
/// </summary>
internal static class Snapshot
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>A copy of <paramref name="source"/> that shares no mutable state with it.</summary>
    public static T Copy<T>(T source)
        where T : class => (T)Copy(source, new Dictionary<object, object>(ReferenceEqualityComparer.Instance))!;

    private static object? Copy(object? source, Dictionary<object, object> copies)
    {
        if (source is null)
        {
            return null;
        }

        var type = source.GetType();
        if (type.IsPrimitive || type.IsEnum || source is string || source is Type || source is Delegate)
        {
            return source;
        }

        if (copies.TryGetValue(source, out var done))
        {
            return done;
        }

        if (source is Array array)
        {
            var arrayCopy = (Array)array.Clone();
            copies[source] = arrayCopy;
            var element = type.GetElementType()!;
            if (!element.IsPrimitive && !element.IsEnum && array.Rank == 1)
            {
                for (var i = 0; i < array.Length; i++)
                {
                    arrayCopy.SetValue(Copy(array.GetValue(i), copies), i);
                }
            }

            return arrayCopy;
        }

        var copy = RuntimeHelpers.GetUninitializedObject(type);
        copies[source] = copy;
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var field in t.GetFields(InstanceFields))
            {
                field.SetValue(copy, Copy(field.GetValue(source), copies));
            }
        }

        return copy;
    }
}
