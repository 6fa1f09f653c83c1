// PLACEHOLDER — replaced by the CLI root command.
return 0;
