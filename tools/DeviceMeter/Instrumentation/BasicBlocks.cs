using Mono.Cecil.Cil;

namespace CardFirmware.DeviceMeter.Instrumentation;

/// <summary>The first instructions of a method's basic blocks.</summary>
public static class BasicBlocks
{
    /// <summary>
    /// Leaders: the first instruction, every branch or switch target, every instruction after a
    /// branch, return, throw, leave or endfinally, and every start and end of a protected region,
    /// handler or filter. Between two leaders control runs straight through, so a block entered is
    /// a block executed (up to an exception thrown inside it).
    /// </summary>
    public static HashSet<Instruction> Leaders(MethodBody body)
    {
        var leaders = new HashSet<Instruction>();
        var instructions = body.Instructions;
        if (instructions.Count == 0)
        {
            return leaders;
        }

        leaders.Add(instructions[0]);
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            switch (instruction.Operand)
            {
                case Instruction target:
                    leaders.Add(target);
                    break;
                case Instruction[] targets:
                    leaders.UnionWith(targets);
                    break;
            }

            var flow = instruction.OpCode.FlowControl;
            if (flow is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw
                && i + 1 < instructions.Count)
            {
                leaders.Add(instructions[i + 1]);
            }
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            AddIfSet(leaders, handler.TryStart);
            AddIfSet(leaders, handler.TryEnd);
            AddIfSet(leaders, handler.HandlerStart);
            AddIfSet(leaders, handler.HandlerEnd);
            AddIfSet(leaders, handler.FilterStart);
        }

        return leaders;
    }

    private static void AddIfSet(HashSet<Instruction> leaders, Instruction? instruction)
    {
        if (instruction is not null)
        {
            leaders.Add(instruction);
        }
    }
}
