using CardFirmware.DeviceMeter.Runtime;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>
/// Rewrites card assemblies with Mono.Cecil so that they count what they execute:
/// <list type="bullet">
/// <item>each basic block starts with <c>Probe.Block(id)</c>; the map records how many of the
/// method's original IL instructions the block holds, so IL executed = sum of entries x weights;</item>
/// <item>each <c>newobj</c> of a class, <c>newarr</c> and <c>box</c> is followed by
/// <c>Probe.Allocated(object, site)</c> on a copy of the new reference;</item>
/// <item>each call into the base class library is followed by <c>Probe.Called(site)</c>, the site
/// marked native when the method is an InternalCall on nanoFramework (per the cost table); a call
/// to a card method declared InternalCall or P/Invoke (the native module) is a native site too;</item>
/// <item>a call to a native module entry point priced per byte (the cost table's <c>sizeArguments</c>)
/// is preceded by <c>Probe.Measured(bytes, site)</c> on a copy of its sized argument (the arguments
/// after it are set aside in locals and pushed back);</item>
/// <item>a call to a native module entry point priced per SHA-256 compression block (the cost table's
/// <c>blockArguments</c>) is preceded by <c>Probe.MeasuredSha256Blocks(length, messages, site)</c> on copies of its
/// message-length and message-count arguments (the arguments from the first of them on are set aside in locals
/// and pushed back);</item>
/// <item>each <see cref="ScopeMethod"/> becomes a wrapper that opens its scope in a try/finally
/// around the original body, moved to a private method.</item>
/// </list>
/// The probe's own IL is not counted: only the original instructions carry weight.
/// </summary>
public sealed class Instrumenter
{
    private readonly ISet<string> _nativeMethods;
    private readonly IReadOnlyDictionary<string, string> _sizeArguments;
    private readonly IReadOnlyDictionary<string, CardTime.Sha256BlockArguments> _blockArguments;
    private readonly IReadOnlyList<ScopeMethod> _scopes;
    private readonly InstrumentationMap _map;

    /// <summary>Creates an instrumenter; <paramref name="nativeMethods"/> are documentation-comment ids of InternalCall methods.</summary>
    public Instrumenter(ISet<string> nativeMethods, IReadOnlyList<ScopeMethod> scopes, IReadOnlyList<string> scopeNames)
        : this(nativeMethods, new Dictionary<string, string>(), scopes, scopeNames)
    {
    }

    /// <summary>
    /// As above; <paramref name="sizeArguments"/> names, per native module entry point priced per byte, the
    /// parameter that holds the byte count (e.g. ChaCha20Poly1305Seal: count).
    /// </summary>
    public Instrumenter(ISet<string> nativeMethods, IReadOnlyDictionary<string, string> sizeArguments, IReadOnlyList<ScopeMethod> scopes, IReadOnlyList<string> scopeNames)
        : this(nativeMethods, sizeArguments, new Dictionary<string, CardTime.Sha256BlockArguments>(), scopes, scopeNames)
    {
    }

    /// <summary>
    /// As above; <paramref name="blockArguments"/> names, per native module entry point priced per SHA-256 compression
    /// block, the parameters holding its message length and message count (e.g. Sha256Many: messageLength, count).
    /// </summary>
    public Instrumenter(ISet<string> nativeMethods, IReadOnlyDictionary<string, string> sizeArguments,
        IReadOnlyDictionary<string, CardTime.Sha256BlockArguments> blockArguments, IReadOnlyList<ScopeMethod> scopes, IReadOnlyList<string> scopeNames)
    {
        _nativeMethods = nativeMethods;
        _sizeArguments = sizeArguments;
        _blockArguments = blockArguments;
        _scopes = scopes;
        _map = new InstrumentationMap([], [], [], [.. scopeNames]);
    }

    /// <summary>The map of everything numbered so far.</summary>
    public InstrumentationMap Map => _map;

    /// <summary>
    /// Instruments <paramref name="assemblyNames"/> from <paramref name="inputFolder"/> into
    /// <paramref name="outputFolder"/> and writes the map there.
    /// </summary>
    public InstrumentationMap InstrumentAll(string inputFolder, string outputFolder, IEnumerable<string> assemblyNames)
    {
        Directory.CreateDirectory(outputFolder);
        var cardNames = new HashSet<string>(assemblyNames);
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(inputFolder);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        foreach (var name in assemblyNames)
        {
            var source = Path.Combine(inputFolder, name + ".dll");
            using var module = ModuleDefinition.ReadModule(source, new ReaderParameters { AssemblyResolver = resolver, ReadSymbols = false });
            Instrument(module, cardNames);
            module.Write(Path.Combine(outputFolder, name + ".dll"));
        }

        var missing = _scopes.Where(s => !_wrapped.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Scope methods not found in the card assemblies: "
                + string.Join(", ", missing.Select(s => s.Type + "::" + s.Method)));
        }

        _map.Save(outputFolder);
        return _map;
    }

    private readonly HashSet<ScopeMethod> _wrapped = [];

    /// <summary>Instruments every method body of <paramref name="module"/> in place.</summary>
    public void Instrument(ModuleDefinition module, ISet<string> cardAssemblyNames)
    {
        var probe = new ProbeReferences(module);
        foreach (var type in module.GetTypes().ToList())
        {
            foreach (var method in type.Methods.ToList())
            {
                var scope = _scopes.FirstOrDefault(s => s.Assembly == module.Assembly.Name.Name && s.Type == type.FullName && s.Method == method.Name);
                var body = method;
                if (scope is not null)
                {
                    body = Wrap(method, scope.Scope, probe);
                    _wrapped.Add(scope);
                }

                if (body.HasBody)
                {
                    InstrumentBody(body, method.DeclaringType.FullName + "::" + method.Name + Signature(method), cardAssemblyNames, probe);
                }
            }
        }
    }

    private void InstrumentBody(MethodDefinition method, string name, ISet<string> cardAssemblyNames, ProbeReferences probe)
    {
        var methodId = _map.Methods.Count;
        _map.Methods.Add(name);
        var body = method.Body;
        body.SimplifyMacros();
        var original = body.Instructions.ToList();
        var leaders = BasicBlocks.Leaders(body);
        var il = body.GetILProcessor();

        // Sites are found on the original instructions before any is rewritten.
        var sites = new List<(Instruction At, SiteKind Kind, string Target)>();
        foreach (var instruction in original)
        {
            var site = Classify(instruction, cardAssemblyNames);
            if (site is { } found)
            {
                sites.Add((instruction, found.Kind, found.Target));
            }
        }

        // A leader keeps its identity (branches, handlers point at it) and becomes the probe's
        // first instruction; its original opcode moves to a copy right after the probe call.
        var moved = new Dictionary<Instruction, Instruction>();
        for (var i = 0; i < original.Count; i++)
        {
            if (!leaders.Contains(original[i]))
            {
                continue;
            }

            var weight = 1;
            while (i + weight < original.Count && !leaders.Contains(original[i + weight]))
            {
                weight++;
            }

            var leader = original[i];
            var copy = il.Create(OpCodes.Nop);
            copy.OpCode = leader.OpCode;
            copy.Operand = leader.Operand;
            leader.OpCode = OpCodes.Ldc_I4;
            leader.Operand = _map.Blocks.Count;
            var call = il.Create(OpCodes.Call, probe.Block);
            il.InsertAfter(leader, call);
            il.InsertAfter(call, copy);
            moved[leader] = copy;
            _map.Blocks.Add(new BlockInfo(methodId, weight));
        }

        foreach (var (at, kind, target) in sites)
        {
            var instruction = moved.TryGetValue(at, out var copy) ? copy : at;
            var siteId = _map.Sites.Count;
            _map.Sites.Add(new SiteInfo(kind, methodId, target));
            if (kind == SiteKind.Allocation)
            {
                var dup = il.Create(OpCodes.Dup);
                var id = il.Create(OpCodes.Ldc_I4, siteId);
                il.InsertAfter(instruction, dup);
                il.InsertAfter(dup, id);
                il.InsertAfter(id, il.Create(OpCodes.Call, probe.Allocated));
            }
            else
            {
                var id = il.Create(OpCodes.Ldc_I4, siteId);
                il.InsertAfter(instruction, id);
                il.InsertAfter(id, il.Create(OpCodes.Call, probe.Called));
                if (kind == SiteKind.NativeCall && SizedParameter((MethodReference)instruction.Operand) is { } sized)
                {
                    MeasureBefore(instruction, sized, siteId, body, il, probe);
                }
                else if (kind == SiteKind.NativeCall && BlockParameters((MethodReference)instruction.Operand) is { } block)
                {
                    MeasureBlocksBefore(instruction, block.Length, block.Messages, siteId, body, il, probe);
                }
            }
        }

        body.OptimizeMacros();
    }

    /// <summary>The index of the parameter holding the byte count, for a native module entry point priced per byte.</summary>
    private int? SizedParameter(MethodReference target)
    {
        if (target.DeclaringType.FullName != NativeModuleInterface || !_sizeArguments.TryGetValue(target.Name, out var name))
        {
            return null;
        }

        var index = target.Parameters.ToList().FindIndex(p => p.Name == name);
        return index >= 0 ? index : throw new InvalidOperationException($"{target.Name} has no parameter {name} to price per byte.");
    }

    /// <summary>
    /// The indexes of the parameters holding the message length and the message count (-1: one message), for a native
    /// module entry point priced per SHA-256 compression block.
    /// </summary>
    private (int Length, int Messages)? BlockParameters(MethodReference target)
    {
        if (target.DeclaringType.FullName != NativeModuleInterface || !_blockArguments.TryGetValue(target.Name, out var names))
        {
            return null;
        }

        var parameters = target.Parameters.ToList();
        int Index(string name)
        {
            var index = parameters.FindIndex(p => p.Name == name);
            return index >= 0 ? index : throw new InvalidOperationException($"{target.Name} has no parameter {name} to price per block.");
        }

        return (Index(names.Length), names.Messages is null ? -1 : Index(names.Messages));
    }

    /// <summary>
    /// Before <paramref name="call"/>: sets aside the arguments from the first of the length and count on, passes copies of
    /// both to Probe.MeasuredSha256Blocks (a count of 1 when <paramref name="messages"/> is -1), pushes them all back.
    /// </summary>
    private static void MeasureBlocksBefore(Instruction call, int length, int messages, int siteId, MethodBody body, ILProcessor il, ProbeReferences probe)
    {
        var target = (MethodReference)call.Operand;
        var first = messages < 0 ? length : Math.Min(length, messages);
        var stashed = target.Parameters.Skip(first).Select(p => new VariableDefinition(p.ParameterType)).ToList();
        stashed.ForEach(body.Variables.Add);
        for (var i = stashed.Count - 1; i >= 0; i--)
        {
            il.InsertBefore(call, il.Create(OpCodes.Stloc, stashed[i]));
        }

        il.InsertBefore(call, il.Create(OpCodes.Ldloc, stashed[length - first]));
        il.InsertBefore(call, messages < 0 ? il.Create(OpCodes.Ldc_I4_1) : il.Create(OpCodes.Ldloc, stashed[messages - first]));
        il.InsertBefore(call, il.Create(OpCodes.Ldc_I4, siteId));
        il.InsertBefore(call, il.Create(OpCodes.Call, probe.MeasuredSha256Blocks));
        foreach (var variable in stashed)
        {
            il.InsertBefore(call, il.Create(OpCodes.Ldloc, variable));
        }
    }

    /// <summary>Before <paramref name="call"/>: sets aside the arguments after the sized one, copies it into Probe.Measured, pushes them back.</summary>
    private static void MeasureBefore(Instruction call, int sized, int siteId, MethodBody body, ILProcessor il, ProbeReferences probe)
    {
        var target = (MethodReference)call.Operand;
        var later = target.Parameters.Skip(sized + 1).Select(p => new VariableDefinition(p.ParameterType)).ToList();
        later.ForEach(body.Variables.Add);
        for (var i = later.Count - 1; i >= 0; i--)
        {
            il.InsertBefore(call, il.Create(OpCodes.Stloc, later[i]));
        }

        il.InsertBefore(call, il.Create(OpCodes.Dup));
        il.InsertBefore(call, il.Create(OpCodes.Ldc_I4, siteId));
        il.InsertBefore(call, il.Create(OpCodes.Call, probe.Measured));
        foreach (var variable in later)
        {
            il.InsertBefore(call, il.Create(OpCodes.Ldloc, variable));
        }
    }

    private (SiteKind Kind, string Target)? Classify(Instruction instruction, ISet<string> cardAssemblyNames)
    {
        var code = instruction.OpCode.Code;
        if (code == Code.Newarr)
        {
            return (SiteKind.Allocation, ((TypeReference)instruction.Operand).FullName + "[]");
        }

        if (code == Code.Box)
        {
            return (SiteKind.Allocation, "box " + ((TypeReference)instruction.Operand).FullName);
        }

        if (code is not (Code.Call or Code.Callvirt or Code.Newobj))
        {
            return null;
        }

        var target = (MethodReference)instruction.Operand;
        if (code == Code.Newobj && !IsValueType(target.DeclaringType))
        {
            // The library call a BCL constructor makes is reported with the allocation's site.
            return (SiteKind.Allocation, target.DeclaringType.FullName);
        }

        if (target.DeclaringType.Scope is not AssemblyNameReference scope || cardAssemblyNames.Contains(scope.Name))
        {
            // Card code's own native entry points (the native module: InternalCall on the card,
            // P/Invoke on the desktop) are native calls too; so is a call through INativeModule, whose
            // card implementation forwards each method to one InternalCall (crypto/Native/Interop).
            return IsNative(target) || target.DeclaringType.FullName == NativeModuleInterface
                ? (SiteKind.NativeCall, DocumentationId.Of(target)) : null;
        }

        var id = DocumentationId.Of(target);
        var native = _nativeMethods.Contains(id) || _nativeMethods.Contains(DocumentationId.PropertyOf(target));
        return (native ? SiteKind.NativeCall : SiteKind.ManagedLibraryCall, id);
    }

    /// <summary>The native module's managed face (crypto/Native/Interop/INativeModule.cs).</summary>
    public const string NativeModuleInterface = "CardFirmware.Crypto.Native.INativeModule";

    private static bool IsNative(MethodReference method)
    {
        try
        {
            var definition = method.Resolve();
            return definition is not null && (definition.IsInternalCall || definition.IsPInvokeImpl);
        }
        catch (AssemblyResolutionException)
        {
            return false;
        }
    }

    private static bool IsValueType(TypeReference type)
    {
        if (type.IsValueType)
        {
            return true;
        }

        try
        {
            return type.Resolve()?.IsValueType ?? false;
        }
        catch (AssemblyResolutionException)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves <paramref name="method"/>'s body to a private method and gives it a new body that
    /// opens <paramref name="scope"/> around a call to it; returns the method that now holds the body.
    /// </summary>
    private static MethodDefinition Wrap(MethodDefinition method, int scope, ProbeReferences probe)
    {
        var inner = new MethodDefinition(method.Name + "$metered",
            MethodAttributes.Private | MethodAttributes.HideBySig | (method.IsStatic ? MethodAttributes.Static : 0),
            method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            inner.Parameters.Add(new ParameterDefinition(parameter.Name, parameter.Attributes, parameter.ParameterType));
        }

        method.DeclaringType.Methods.Add(inner);
        var old = method.Body;
        var moved = inner.Body;
        moved.InitLocals = old.InitLocals;
        var variables = old.Variables.ToList();
        var instructions = old.Instructions.ToList();
        var handlers = old.ExceptionHandlers.ToList();
        old.Variables.Clear();
        old.ExceptionHandlers.Clear();
        old.Instructions.Clear();
        variables.ForEach(moved.Variables.Add);
        instructions.ForEach(moved.Instructions.Add);
        handlers.ForEach(moved.ExceptionHandlers.Add);
        foreach (var instruction in instructions)
        {
            // Parameters are referred to by definition: point them at the inner method's.
            if (instruction.Operand is ParameterDefinition parameter)
            {
                instruction.Operand = parameter == old.ThisParameter ? moved.ThisParameter : inner.Parameters[parameter.Index];
            }
        }

        method.Body = new MethodBody(method);
        var body = method.Body;
        var il = body.GetILProcessor();
        VariableDefinition? result = null;
        if (method.ReturnType.MetadataType != MetadataType.Void)
        {
            result = new VariableDefinition(method.ReturnType);
            body.Variables.Add(result);
        }

        var end = result is null ? il.Create(OpCodes.Ret) : il.Create(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ldc_I4, scope);
        il.Emit(OpCodes.Call, probe.Enter);
        var tryStart = il.Create(OpCodes.Nop);
        il.Append(tryStart);
        if (!method.IsStatic)
        {
            il.Emit(OpCodes.Ldarg_0);
        }

        foreach (var parameter in method.Parameters)
        {
            il.Emit(OpCodes.Ldarg, parameter);
        }

        il.Emit(OpCodes.Call, inner);
        if (result is not null)
        {
            il.Emit(OpCodes.Stloc, result);
        }

        il.Emit(OpCodes.Leave, end);
        var finallyStart = il.Create(OpCodes.Ldc_I4, scope);
        il.Append(finallyStart);
        il.Emit(OpCodes.Call, probe.Exit);
        il.Emit(OpCodes.Endfinally);
        il.Append(end);
        if (result is not null)
        {
            il.Emit(OpCodes.Ret);
        }

        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
        {
            TryStart = tryStart,
            TryEnd = finallyStart,
            HandlerStart = finallyStart,
            HandlerEnd = end,
        });
        body.OptimizeMacros();
        return inner;
    }

    private static string Signature(MethodDefinition method) =>
        "(" + string.Join(",", method.Parameters.Select(p => p.ParameterType.Name)) + ")";

    /// <summary>The probe's methods imported into one module.</summary>
    private sealed class ProbeReferences(ModuleDefinition module)
    {
        public MethodReference Block { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Block)));

        public MethodReference Allocated { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Allocated)));

        public MethodReference Called { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Called)));

        public MethodReference Measured { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Measured)));

        public MethodReference MeasuredSha256Blocks { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.MeasuredSha256Blocks)));

        public MethodReference Enter { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Enter)));

        public MethodReference Exit { get; } = module.ImportReference(typeof(Probe).GetMethod(nameof(Probe.Exit)));
    }
}
