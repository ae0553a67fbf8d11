window.labyrintSearch.load("t-o",{"ord":"J6K","ordlist":"J8T e"});
