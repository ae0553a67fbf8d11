window.labyrintSearch.load("t-b",{"betyd":"G2J er","bo":"D4A","bol":"D7a ig"});
