window.labyrintSearch.load("t-b",{"betyd":"G2J er","bo":"D4Z","bol":"D7Z ig","botilbud":"DsB det"});
