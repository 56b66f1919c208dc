System.Console.WriteLine("CardSim: not yet wired");
