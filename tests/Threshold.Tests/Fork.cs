using System.Reflection;
using System.Runtime.CompilerServices;

namespace CardFirmware.Crypto.Threshold.Tests;

/// <summary>
/// Test-only deep copy of a party's object graph (every field, arrays element by element, shared references
/// kept shared), so a tamper case can resume a recorded run from a checkpoint instead of recomputing the
/// base OTs (about 0.3 s per party and round with the managed curve).
/// </summary>
/// <remarks>
/// The copy shares nothing mutable with the original: an abort wipes the copy's secrets in place and must
/// leave the checkpoint intact (<c>DkgTamperTwoOfThreeTests.Replay_FromAWipedCheckpointCopy_ReproducesTheRecordedRun</c>
/// checks this and that a resumed run reproduces the recorded one). It relies only on the parties being plain objects over arrays, which the card rules imply.
/// </remarks>
internal static class Fork
{
    public static T Of<T>(T original)
        where T : class
    {
        return (T)Copy(original, new Dictionary<object, object>(ReferenceEqualityComparer.Instance))!;
    }

    private static object? Copy(object? o, Dictionary<object, object> copies)
    {
        if (o == null || o is string || o.GetType().IsPrimitive || o.GetType().IsEnum)
        {
            return o;
        }

        if (copies.TryGetValue(o, out var done))
        {
            return done;
        }

        var type = o.GetType();
        if (type.IsArray)
        {
            var array = (Array)o;
            if (array.Rank != 1)
            {
                throw new NotSupportedException(type.Name);
            }

            var element = type.GetElementType()!;
            var arrayCopy = Array.CreateInstance(element, array.Length);
            copies[o] = arrayCopy;
            if (element.IsPrimitive)
            {
                Array.Copy(array, arrayCopy, array.Length);
            }
            else
            {
                for (int i = 0; i < array.Length; i++)
                {
                    arrayCopy.SetValue(Copy(array.GetValue(i), copies), i);
                }
            }

            return arrayCopy;
        }

        if (typeof(Delegate).IsAssignableFrom(type) || type.IsPointer)
        {
            throw new NotSupportedException(type.Name);
        }

        var copy = RuntimeHelpers.GetUninitializedObject(type);
        copies[o] = copy;
        for (var t = type; t != null; t = t.BaseType)
        {
            foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                f.SetValue(copy, Copy(f.GetValue(o), copies));
            }
        }

        return copy;
    }
}
