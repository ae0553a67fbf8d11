window.labyrintSearch.load("t-o",{"ord":"J6T","ordlist":"J8T e"});
