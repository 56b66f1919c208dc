using CardFirmware.CardSim;

// The simulator front end: boots the real firmware on the simulated board and walks a scripted
// phone through a session. Exit code 0 means every step did what a user would expect.
return Walkthrough.Run(args) ? 0 : 1;
