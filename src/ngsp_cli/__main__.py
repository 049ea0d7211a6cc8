from ngsp_cli.cli.entry import main

main()
