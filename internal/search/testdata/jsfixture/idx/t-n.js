window.labyrintSearch.load("t-n",{"nedsat":"I5d","normalt":"HsU","nykøbing":"KsK","nyt":"RuB"});
