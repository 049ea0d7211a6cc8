from ngsp_cli.cli.app import main

main()
