window.labyrintSearch.load("t-n",{"nedsat":"I5Z","normalt":"HtD","nykøbing":"KuK","nyt":"RtQ"});
