using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CardFirmware.DeviceMeter.Tests;

/// <summary>
/// A tiny assembly written instruction by instruction, so that the IL the meter must count is
/// known exactly (no compiler in between): <c>Fixture.Sum(n)</c> is a loop of four basic blocks,
/// <c>Fixture.Allocate(n)</c> allocates a byte[n], clears it (a native call on nanoCLR) and returns a
/// three-field object holding it.
/// </summary>
internal static class FixtureAssembly
{
    public const string Name = "MeterFixture";

    /// <summary>Entry block 5, body 8 per iteration, condition 3 per test (n + 1 tests), exit 2.</summary>
    public static long SumIl(int n) => 5 + (8L * n) + (3L * (n + 1)) + 2;

    /// <summary>Allocate is one straight block of 12 instructions; Holder's constructor adds 3.</summary>
    public const int AllocateIl = 12 + 3;

    public static ModuleDefinition Create()
    {
        var module = ModuleDefinition.CreateModule(Name, new ModuleParameters { Kind = ModuleKind.Dll, Runtime = TargetRuntime.Net_4_0 });
        var ts = module.TypeSystem;
        var holder = new TypeDefinition("Meter.Fixture", "Holder", TypeAttributes.Public | TypeAttributes.Sealed, ts.Object);
        holder.Fields.Add(new FieldDefinition("a", FieldAttributes.Public, ts.Int32));
        holder.Fields.Add(new FieldDefinition("b", FieldAttributes.Public, ts.Int32));
        holder.Fields.Add(new FieldDefinition("c", FieldAttributes.Public, ts.Object));
        var ctor = new MethodDefinition(".ctor", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName, ts.Void);
        var ctorIl = ctor.Body.GetILProcessor();
        ctorIl.Emit(OpCodes.Ldarg_0);
        ctorIl.Emit(OpCodes.Call, module.ImportReference(typeof(object).GetConstructor(Type.EmptyTypes)));
        ctorIl.Emit(OpCodes.Ret);
        holder.Methods.Add(ctor);
        module.Types.Add(holder);

        var fixture = new TypeDefinition("Meter.Fixture", "Fixture", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed, ts.Object);
        fixture.Methods.Add(Sum(ts));
        fixture.Methods.Add(Allocate(module, ctor));
        var (native, seal, many, stubCtor) = NativeModule(module);
        fixture.Methods.Add(CallSeal(module, seal, stubCtor));
        fixture.Methods.Add(CallMany(module, many, stubCtor));
        module.Types.Add(fixture);
        return module;
    }

    /// <summary>
    /// A type named as the native module's face, <c>CardFirmware.Crypto.Native.INativeModule</c>, with one
    /// method <c>int Seal(byte[] input, int count, byte[] output, int outputOffset)</c> and one
    /// <c>int Many(byte[] messages, int messageLength, int count, byte[] output)</c>, and a class implementing them that
    /// returns count x 1000 + outputOffset and messageLength x 1000 + count (so a test sees the arguments arrive in order).
    /// </summary>
    private static (TypeDefinition Interface, MethodDefinition Seal, MethodDefinition Many, MethodDefinition StubCtor) NativeModule(ModuleDefinition module)
    {
        var ts = module.TypeSystem;
        var face = new TypeDefinition("CardFirmware.Crypto.Native", "INativeModule",
            TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
        var seal = new MethodDefinition("Seal", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot
            | MethodAttributes.Abstract | MethodAttributes.Virtual, ts.Int32);
        AddSealParameters(seal, ts);
        face.Methods.Add(seal);
        var many = new MethodDefinition("Many", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot
            | MethodAttributes.Abstract | MethodAttributes.Virtual, ts.Int32);
        AddManyParameters(many, ts);
        face.Methods.Add(many);
        module.Types.Add(face);

        var stub = new TypeDefinition("Meter.Fixture", "NativeStub", TypeAttributes.Public | TypeAttributes.Sealed, ts.Object);
        stub.Interfaces.Add(new InterfaceImplementation(face));
        var ctor = new MethodDefinition(".ctor", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName, ts.Void);
        var ctorIl = ctor.Body.GetILProcessor();
        ctorIl.Emit(OpCodes.Ldarg_0);
        ctorIl.Emit(OpCodes.Call, module.ImportReference(typeof(object).GetConstructor(Type.EmptyTypes)));
        ctorIl.Emit(OpCodes.Ret);
        stub.Methods.Add(ctor);
        var impl = new MethodDefinition("Seal", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot
            | MethodAttributes.Virtual | MethodAttributes.Final, ts.Int32);
        AddSealParameters(impl, ts);
        var il = impl.Body.GetILProcessor();
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldc_I4, 1000);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Ldarg, impl.Parameters[3]);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ret);
        stub.Methods.Add(impl);
        var manyImpl = new MethodDefinition("Many", MethodAttributes.Public | MethodAttributes.HideBySig | MethodAttributes.NewSlot
            | MethodAttributes.Virtual | MethodAttributes.Final, ts.Int32);
        AddManyParameters(manyImpl, ts);
        var manyIl = manyImpl.Body.GetILProcessor();
        manyIl.Emit(OpCodes.Ldarg_2);
        manyIl.Emit(OpCodes.Ldc_I4, 1000);
        manyIl.Emit(OpCodes.Mul);
        manyIl.Emit(OpCodes.Ldarg_3);
        manyIl.Emit(OpCodes.Add);
        manyIl.Emit(OpCodes.Ret);
        stub.Methods.Add(manyImpl);
        module.Types.Add(stub);
        return (face, seal, many, ctor);
    }

    private static void AddManyParameters(MethodDefinition method, TypeSystem ts)
    {
        method.Parameters.Add(new ParameterDefinition("messages", ParameterAttributes.None, new ArrayType(ts.Byte)));
        method.Parameters.Add(new ParameterDefinition("messageLength", ParameterAttributes.None, ts.Int32));
        method.Parameters.Add(new ParameterDefinition("count", ParameterAttributes.None, ts.Int32));
        method.Parameters.Add(new ParameterDefinition("output", ParameterAttributes.None, new ArrayType(ts.Byte)));
    }

    /// <summary><c>Fixture.CallMany(length, count)</c>: new NativeStub().Many(null, length, count, null) through the interface.</summary>
    private static MethodDefinition CallMany(ModuleDefinition module, MethodDefinition many, MethodDefinition stubCtor)
    {
        var ts = module.TypeSystem;
        var method = new MethodDefinition("CallMany", MethodAttributes.Public | MethodAttributes.Static, ts.Int32);
        method.Parameters.Add(new ParameterDefinition("length", ParameterAttributes.None, ts.Int32));
        method.Parameters.Add(new ParameterDefinition("count", ParameterAttributes.None, ts.Int32));
        var il = method.Body.GetILProcessor();
        il.Emit(OpCodes.Newobj, stubCtor);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Callvirt, many);
        il.Emit(OpCodes.Ret);
        return method;
    }

    private static void AddSealParameters(MethodDefinition method, TypeSystem ts)
    {
        method.Parameters.Add(new ParameterDefinition("input", ParameterAttributes.None, new ArrayType(ts.Byte)));
        method.Parameters.Add(new ParameterDefinition("count", ParameterAttributes.None, ts.Int32));
        method.Parameters.Add(new ParameterDefinition("output", ParameterAttributes.None, new ArrayType(ts.Byte)));
        method.Parameters.Add(new ParameterDefinition("outputOffset", ParameterAttributes.None, ts.Int32));
    }

    /// <summary><c>Fixture.CallSeal(n)</c>: new NativeStub().Seal(null, n, null, 7) through the interface.</summary>
    private static MethodDefinition CallSeal(ModuleDefinition module, MethodDefinition seal, MethodDefinition stubCtor)
    {
        var ts = module.TypeSystem;
        var method = new MethodDefinition("CallSeal", MethodAttributes.Public | MethodAttributes.Static, ts.Int32);
        method.Parameters.Add(new ParameterDefinition("n", ParameterAttributes.None, ts.Int32));
        var il = method.Body.GetILProcessor();
        il.Emit(OpCodes.Newobj, stubCtor);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ldc_I4_7);
        il.Emit(OpCodes.Callvirt, seal);
        il.Emit(OpCodes.Ret);
        return method;
    }

    private static MethodDefinition Sum(TypeSystem ts)
    {
        var method = new MethodDefinition("Sum", MethodAttributes.Public | MethodAttributes.Static, ts.Int32);
        method.Parameters.Add(new ParameterDefinition("n", ParameterAttributes.None, ts.Int32));
        method.Body.Variables.Add(new VariableDefinition(ts.Int32));
        method.Body.Variables.Add(new VariableDefinition(ts.Int32));
        var il = method.Body.GetILProcessor();
        var body = il.Create(OpCodes.Ldloc_0);
        var condition = il.Create(OpCodes.Ldloc_1);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Stloc_0);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Stloc_1);
        il.Emit(OpCodes.Br, condition);
        il.Append(body);
        il.Emit(OpCodes.Ldloc_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc_0);
        il.Emit(OpCodes.Ldloc_1);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc_1);
        il.Append(condition);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Blt, body);
        il.Emit(OpCodes.Ldloc_0);
        il.Emit(OpCodes.Ret);
        return method;
    }

    private static MethodDefinition Allocate(ModuleDefinition module, MethodDefinition holderCtor)
    {
        var ts = module.TypeSystem;
        var method = new MethodDefinition("Allocate", MethodAttributes.Public | MethodAttributes.Static, ts.Object);
        method.Parameters.Add(new ParameterDefinition("n", ParameterAttributes.None, ts.Int32));
        method.Body.Variables.Add(new VariableDefinition(new ArrayType(ts.Byte)));
        var il = method.Body.GetILProcessor();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Newarr, ts.Byte);
        il.Emit(OpCodes.Stloc_0);
        il.Emit(OpCodes.Ldloc_0);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, module.ImportReference(typeof(Array).GetMethod(nameof(Array.Clear), [typeof(Array), typeof(int), typeof(int)])));
        il.Emit(OpCodes.Newobj, holderCtor);
        il.Emit(OpCodes.Dup);
        il.Emit(OpCodes.Ldloc_0);
        il.Emit(OpCodes.Stfld, holderCtor.DeclaringType.Fields[2]);
        il.Emit(OpCodes.Ret);
        return method;
    }
}
