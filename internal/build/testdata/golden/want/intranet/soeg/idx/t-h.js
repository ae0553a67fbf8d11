window.labyrintSearch.load("t-h",{"hjælp":"CqbAxR er","hvornår":"FpC"});
