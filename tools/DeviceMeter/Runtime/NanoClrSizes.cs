using System.Collections.Concurrent;
using System.Reflection;

namespace CardFirmware.DeviceMeter.Runtime;

/// <summary>
/// The size an object takes on nanoCLR's managed heap, from the layout in nanoframework/nf-interpreter
/// (main @ a3e8139a1ba778e33ca81b023099765eada6c456, version 1.17.0):
/// <list type="bullet">
/// <item>The heap is made of 12-byte blocks: <c>CLR_RT_HeapBlock</c> is a 4-byte id
/// (data type, flags, size) and an 8-byte data union (src/CLR/Include/nanoCLR_Runtime__HeapBlock.h);
/// every allocation is rounded up to whole blocks (<c>CONVERTFROMSIZETOHEAPBLOCKS</c>,
/// src/HAL/Include/nanoHAL_Types.h).</item>
/// <item>A class instance is one header block plus one block per instance field, inherited fields
/// included (<c>m_totalFields + HB_Object_Fields_Offset</c>, HB_Object_Fields_Offset = 1;
/// <c>CLR_RT_ExecutionEngine::NewObject</c> in src/CLR/Core/Execution.cpp). A field of a (non-primitive) value type
/// also gets its own boxed instance, allocated with the object.</item>
/// <item>An array is a <c>CLR_RT_HeapBlock_Array</c> (a heap block plus element count, element type,
/// element size, reference flag and padding: 20 bytes) followed by the elements packed at their
/// size: 1 byte for bool/byte/sbyte, 2 for char/short/ushort, 4 for int/uint/float, 8 for
/// long/ulong/double, 12 (a heap block) for references and value types
/// (<c>ExtractHeapBlocksForArray</c> in Execution.cpp, sizes from <c>c_CLR_RT_DataTypeLookup</c> in
/// src/CLR/Core/TypeSystemLookup.cpp). An array of a non-primitive value type also allocates one
/// boxed instance per element (<c>CLR_RT_HeapBlock_Array::ClearElements</c>).</item>
/// <item>A boxed primitive or enum is two blocks (<c>CLR_RT_HeapBlock::PerformBoxing</c>, src/CLR/Core/CLR_RT_HeapBlock.cpp).</item>
/// </list>
/// Not modelled: strings (card code builds none on its hot paths) and delegates, which are
/// counted as an object of their declared fields.
/// </summary>
public static class NanoClrSizes
{
    /// <summary>Bytes of one heap block.</summary>
    public const int HeapBlock = 12;

    /// <summary>Bytes of an array's header (<c>CLR_RT_HeapBlock_Array</c>).</summary>
    public const int ArrayHeader = 20;

    private static readonly ConcurrentDictionary<Type, int> s_instanceSizes = new();

    /// <summary>The nanoCLR size of <paramref name="value"/>, in bytes.</summary>
    public static int Of(object value)
    {
        if (value is Array array)
        {
            return OfArray(array.GetType().GetElementType()!, array.Length);
        }

        var type = value.GetType();
        return type.IsValueType ? OfBoxed(type) : OfInstance(type);
    }

    /// <summary>An array of <paramref name="length"/> elements of <paramref name="element"/>.</summary>
    public static int OfArray(Type element, int length)
    {
        var bytes = RoundToBlocks(ArrayHeader + ((long)length * ElementBytes(element)));
        if (IsStruct(element))
        {
            bytes += length * OfBoxed(element);
        }

        return (int)bytes;
    }

    /// <summary>An instance of the class <paramref name="type"/>.</summary>
    public static int OfInstance(Type type) => s_instanceSizes.GetOrAdd(type, t => ObjectBytes(t));

    /// <summary>A boxed value of <paramref name="type"/>.</summary>
    public static int OfBoxed(Type type) => IsStruct(type) ? ObjectBytes(type) : 2 * HeapBlock;

    private static int ObjectBytes(Type type)
    {
        var fields = InstanceFields(type);
        var bytes = (1 + fields.Count) * HeapBlock;
        foreach (var field in fields)
        {
            if (IsStruct(field.FieldType))
            {
                bytes += OfBoxed(field.FieldType);
            }
        }

        return bytes;
    }

    private static List<FieldInfo> InstanceFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }

        return fields;
    }

    private static int ElementBytes(Type element)
    {
        if (element.IsEnum)
        {
            element = Enum.GetUnderlyingType(element);
        }

        return Type.GetTypeCode(element) switch
        {
            TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
            TypeCode.Char or TypeCode.Int16 or TypeCode.UInt16 => 2,
            TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
            TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Double => 8,
            _ => HeapBlock,
        };
    }

    private static bool IsStruct(Type type) => type.IsValueType && !type.IsPrimitive && !type.IsEnum;

    private static long RoundToBlocks(long bytes) => (bytes + HeapBlock - 1) / HeapBlock * HeapBlock;
}
