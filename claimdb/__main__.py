from claimdb.cli import main

main()
