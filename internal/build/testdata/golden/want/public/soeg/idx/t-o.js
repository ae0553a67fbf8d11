window.labyrintSearch.load("t-o",{"ord":"H6V","ordlist":"H8R e"});
