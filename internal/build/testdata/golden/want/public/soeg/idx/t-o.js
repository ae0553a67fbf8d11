window.labyrintSearch.load("t-o",{"ord":"H6P","ordlist":"H8R e"});
