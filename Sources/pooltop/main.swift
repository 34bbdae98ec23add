print("pooltop")
