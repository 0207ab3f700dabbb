from fagkraft.cli import main

main()
